using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using HireBot.Tests.Faults;
using HireBot.Tests.Fakes;
using HireBot.Tests.Fakes.Slack;
using HireBot.Tests.Support;
using HireBot.Tests.Teams;
using Microsoft.Extensions.Logging;
using Quartz;

namespace HireBot.Tests.Observability;

/// <summary>
/// Slack and Teams flows run with every log category at Debug; no log line and no Quartz job row
/// holds a secret (bot token, signing secret, response_url, app password, any JWT) or the candidate's
/// name or email.
/// </summary>
public class SecretsTests : IAsyncLifetime
{
    private const string AppPassword = "Zq81~app-password-never-logged";
    private const string Hook = "hook-7f3a9c2e51d4-secret-path";
    private const string CandidateEmail = "ada.lovelace@candidates.example";
    private const string CandidateName = "Augusta Ada Lovelace";

    private readonly CapturingLoggerProvider _logs = new();
    private FakeSlack _slack = null!;
    private FakeEntra _entra = null!;
    private FakeBotConnector _connector = null!;
    private BotApp _bot = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlack.StartAsync();
        _slack.AddUser(new FakeSlackUser("U0RITA", "rita@example.com", "Rita Recruiter", "Europe/Berlin"));
        _slack.AddChannel(new FakeSlackChannel("C0PUBLIC", "hiring-be"));
        _entra = await FakeEntra.StartAsync();
        _connector = await FakeBotConnector.StartAsync();
        _bot = await BotApp.StartAsync(nameof(SecretsTests), new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Debug",
            ["Logging:LogLevel:Microsoft"] = "Debug",
            ["Logging:LogLevel:System"] = "Debug",
            ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Trace",
            ["Logging:LogLevel:Quartz"] = "Debug",
            ["Logging:LogLevel:Npgsql"] = "Debug",
            ["SLACK_SIGNING_SECRET"] = SlackSigner.Secret,
            ["SLACK_BOT_TOKEN"] = FakeSlack.BotToken,
            ["SLACK_API_BASE_URL"] = _slack.ApiBaseUrl,
            ["SLACK_RESPONSE_URL_HOSTS"] = "127.0.0.1",
            ["MicrosoftAppId"] = TeamsTestHost.AppId,
            ["MicrosoftAppPassword"] = AppPassword,
            ["Teams:AllowedTenantIds"] = TeamsTestHost.AdmittedTenants,
            ["Teams:OpenIdMetadataUrl"] = _entra.MetadataUrl,
            ["Teams:AuthorityHost"] = _entra.BaseUrl,
        }, configureServices: (services, configuration) =>
        {
            services.AddSingleton<ILoggerProvider>(_logs);
            PlatformTraffic.TrustFakeEntra(services, configuration);
        });
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _connector.DisposeAsync();
        await _entra.DisposeAsync();
        await _slack.DisposeAsync();
    }

    private async Task<string> SlackAsync(string text, string hook)
    {
        var response = await _bot.Http.SendAsync(SlackSigner.Form("/slack/commands",
            $"command=%2Fhire&text={Uri.EscapeDataString(text)}&team_id={FakeSlack.TeamId}&user_id=U0RITA&channel_id=C0PUBLIC" +
            $"&response_url={Uri.EscapeDataString(_slack.ResponseUrl(hook))}&trigger_id=t-{hook}", TestClock.Now));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ack = await response.Content.ReadAsStringAsync();
        // An empty acknowledgement: the answer is posted to the response_url by the inbox worker.
        return ack.Length > 0 ? JsonNode.Parse(ack)!["text"]!.GetValue<string>() : (await _slack.HookPostAsync(hook))["text"]!.GetValue<string>();
    }

    private static async Task WaitAsync(Func<bool> done, string what)
    {
        var deadline = TestClock.UtcNow.AddSeconds(20);
        while (!done())
        {
            if (TestClock.UtcNow > deadline) throw new TimeoutException(what);
            await Task.Delay(100);
        }
    }

    private async Task<List<string>> JobRowsAsync()
    {
        var rows = new List<string>();
        await using var cmd = _bot.Db.CreateCommand("SELECT job_name || ' ' || coalesce(description, '') || ' ' || coalesce(convert_from(job_data, 'UTF8'), '') FROM qrtz_job_details");
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        return rows;
    }

    [Fact]
    public async Task Slack_and_teams_flows_at_debug_level_log_no_secret_and_no_candidate_data_and_quartz_holds_none()
    {
        // Slack: a command (users.info with the bot token), a candidate, and a slow command whose
        // response_url waits in the inbox (nothing of it in Quartz).
        Assert.Contains("Created role `be`", await SlackAsync("role create be Backend", "hook-plain-1"));
        Assert.Contains("Added", await SlackAsync($"candidate add be {CandidateEmail} {CandidateName}", "hook-plain-2"));
        Assert.Contains("Working on it", await SlackAsync("role channel be <#C0PUBLIC|hiring-be>", Hook));
        var pending = await JobRowsAsync();
        await WaitAsync(() => _slack.Calls.Any(c => c.Path.EndsWith("hooks/" + Hook, StringComparison.Ordinal)), "the slow command's answer");

        // Teams: a verified activity (inbound JWT) answered with the bot's own token (app password → Entra).
        var inbound = JwtFactory.Connector(_entra.EndorsedKey, TeamsTestHost.AppId, _connector.ServiceUrl);
        var activity = InboundRequests.PersonalMessage(_connector.ServiceUrl);
        activity["text"] = "role list";
        activity.Remove("entities");
        _connector.SawActivity(activity["conversation"]!["id"]!.GetValue<string>());
        _connector.InstallPersonally(activity["from"]!["id"]!.GetValue<string>(), activity["conversation"]!["id"]!.GetValue<string>());
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + inbound);
        Assert.Equal(HttpStatusCode.OK, (await _bot.Http.SendAsync(request)).StatusCode);
        await WaitAsync(() => _connector.Requests.Any(r => r.Method == "POST" && r.RawTarget.EndsWith("/activities", StringComparison.Ordinal)), "the Teams reply");
        Assert.Contains(_connector.Requests, r => r.Authorization == "Bearer " + _entra.IssuedAccessToken);
        await Task.Delay(300); // let the last lines of the outbox and inbox workers land

        string[] secrets =
        [
            FakeSlack.BotToken, SlackSigner.Secret, _slack.ResponseUrl(Hook), Hook, AppPassword, inbound, _entra.IssuedAccessToken,
            CandidateEmail, CandidateName, "Lovelace",
        ];
        var lines = _logs.Lines.ToList();
        // Debug is on: the host's Debug-level "Hosting starting" line was captured.
        Assert.Contains(lines, l => l.StartsWith("Microsoft.Extensions.Hosting.Internal.Host [1] Hosting starting", StringComparison.Ordinal));
        // Every JWT starts with base64 of '{"'. (Sealed job data is random base64, so it is searched for the tokens themselves.)
        Assert.DoesNotContain(lines, l => l.Contains("eyJ", StringComparison.Ordinal));
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(lines, l => l.Contains(secret, StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(pending, r => r.Contains(secret, StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(await JobRowsAsync(), r => r.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }
    }
}
