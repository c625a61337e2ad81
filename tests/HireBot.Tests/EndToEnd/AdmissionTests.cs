using System.Text.Json.Nodes;
using HireBot.Tests.Fakes;
using HireBot.Tests.Fakes.Slack;
using HireBot.Tests.Support;
using HireBot.Tests.Teams;
using Microsoft.Extensions.Options;

namespace HireBot.Tests.EndToEnd;

/// <summary>
/// Who may use the bot: a multi-tenant Teams app or a distributed Slack app does not start without an
/// allow-list (or the explicit <c>*</c>), and a Slack team the bot token does not belong to never gets it.
/// </summary>
public class AdmissionTests
{
    private static async Task<Exception?> StartFailureAsync(string name, Dictionary<string, string?> settings)
    {
        var config = new Dictionary<string, string?>
        {
            ["ConnectionStrings:HireBot"] = await TestDatabase.CreateAsync(name),
            ["urls"] = "http://127.0.0.1:0",
            ["BotEnvFile"] = "/nonexistent/bot.env",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (k, v) in settings) config[k] = v;
        WebApplication? app = null;
        try
        {
            app = await HireBotHost.BuildAsync([], config, (services, _) => services.AddSingleton(TestClock.Shared));
            await app.StartAsync();
            await app.StopAsync();
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
        finally
        {
            if (app is not null) await app.DisposeAsync();
        }
    }

    private static Dictionary<string, string?> Teams(string? appType, string? allowed)
    {
        var settings = new Dictionary<string, string?> { ["MicrosoftAppId"] = TeamsTestHost.AppId, ["MicrosoftAppPassword"] = "test-secret" };
        if (appType is not null) settings["MicrosoftAppType"] = appType;
        if (allowed is not null) settings["Teams:AllowedTenantIds"] = allowed;
        return settings;
    }

    [Theory]
    [InlineData(null)]
    [InlineData("MultiTenant")]
    public async Task A_multi_tenant_teams_app_without_an_allow_list_refuses_to_start_and_says_why(string? appType)
    {
        var error = await StartFailureAsync($"admit_teams_{appType}", Teams(appType, allowed: null));

        var failure = Assert.IsType<OptionsValidationException>(error);
        Assert.Contains(failure.Failures, f => f.Contains("Teams__AllowedTenantIds is required for a multi-tenant app", StringComparison.Ordinal)
                                               && f.Contains("Teams__AllowedTenantIds=*", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null, "*")]
    [InlineData("MultiTenant", TeamsTestHost.TenantId)]
    public async Task A_multi_tenant_teams_app_starts_with_an_allow_list_or_the_explicit_star(string? appType, string allowed)
    {
        Assert.Null(await StartFailureAsync("admit_teams_listed", Teams(appType, allowed)));
    }

    [Fact]
    public async Task A_single_tenant_teams_app_starts_without_a_list()
    {
        var settings = Teams("SingleTenant", allowed: null);
        settings["MicrosoftAppTenantId"] = TeamsTestHost.TenantId;

        Assert.Null(await StartFailureAsync("admit_teams_single", settings));
    }

    private static Dictionary<string, string?> SlackOAuth(string? allowed)
    {
        var settings = new Dictionary<string, string?>
        {
            ["SLACK_SIGNING_SECRET"] = SlackSigner.Secret,
            ["SLACK_CLIENT_ID"] = FakeSlack.ClientId,
            ["SLACK_CLIENT_SECRET"] = FakeSlack.ClientSecret,
            ["SLACK_OAUTH_REDIRECT_URL"] = "https://bot.example/slack/oauth/callback",
            ["SLACK_TOKEN_ENCRYPTION_KEY"] = SlackTestHost.EncryptionKey,
        };
        if (allowed is not null) settings["SLACK_ALLOWED_TEAM_IDS"] = allowed;
        return settings;
    }

    [Fact]
    public async Task A_distributed_slack_app_without_an_allow_list_refuses_to_start_and_says_why()
    {
        var error = await StartFailureAsync("admit_slack_open", SlackOAuth(allowed: null));

        var failure = Assert.IsType<OptionsValidationException>(error);
        Assert.Contains(failure.Failures, f => f.StartsWith("SLACK_ALLOWED_TEAM_IDS is required when SLACK_CLIENT_ID is set", StringComparison.Ordinal)
                                               && f.Contains("SLACK_ALLOWED_TEAM_IDS=*", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("*")]
    [InlineData("T0FAKE001,T9TK3CUKW")]
    public async Task A_distributed_slack_app_starts_with_an_allow_list_or_the_explicit_star(string allowed)
    {
        Assert.Null(await StartFailureAsync("admit_slack_listed", SlackOAuth(allowed)));
    }

    [Fact]
    public async Task Star_mixed_with_ids_is_refused()
    {
        var error = await StartFailureAsync("admit_slack_mixed", SlackOAuth("*,T0FAKE001"));

        Assert.Contains(Assert.IsType<OptionsValidationException>(error).Failures, f => f.Contains("either * (every workspace) or a list", StringComparison.Ordinal));
    }
}

/// <summary>Single-workspace Slack (SLACK_BOT_TOKEN only): the token's own workspace, learned with auth.test, is the only one admitted.</summary>
public class SlackSingleWorkspaceAdmissionTests : IAsyncLifetime
{
    private const string OtherTeam = "T0OTHER99";
    private FakeSlack _slack = null!;
    private BotApp _bot = null!;
    private BotApp? _open;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlack.StartAsync();
        _slack.AddUser(new FakeSlackUser("U0RITA", "rita@example.com", "Rita Recruiter", "UTC"));
        _bot = await BotApp.StartAsync(nameof(SlackSingleWorkspaceAdmissionTests), Settings());
    }

    private Dictionary<string, string?> Settings() => new()
    {
        ["SLACK_SIGNING_SECRET"] = SlackSigner.Secret,
        ["SLACK_BOT_TOKEN"] = FakeSlack.BotToken,
        ["SLACK_API_BASE_URL"] = _slack.ApiBaseUrl,
        ["SLACK_RESPONSE_URL_HOSTS"] = "127.0.0.1",
    };

    public async Task DisposeAsync()
    {
        if (_open is not null) await _open.DisposeAsync();
        await _bot.DisposeAsync();
        await _slack.DisposeAsync();
    }

    private int _sent;

    /// <summary>A /hire; a refusal is the acknowledgement itself, anything else is answered on the response_url.</summary>
    private async Task<string> CommandAsync(BotApp bot, string team, string text)
    {
        var hook = $"adm-{Interlocked.Increment(ref _sent)}";
        var response = await bot.Http.SendAsync(SlackSigner.Form("/slack/commands",
            $"command=%2Fhire&text={Uri.EscapeDataString(text)}&team_id={team}&user_id=U0RITA&channel_id=C1" +
            $"&response_url={Uri.EscapeDataString(_slack.ResponseUrl(hook))}&trigger_id={hook}", TestClock.Now));
        response.EnsureSuccessStatusCode();
        var ack = await response.Content.ReadAsStringAsync();
        if (ack.Length > 0) return JsonNode.Parse(ack)!["text"]!.GetValue<string>();
        return (await _slack.HookPostAsync(hook))["text"]!.GetValue<string>();
    }

    [Fact]
    public async Task The_bot_tokens_own_workspace_is_admitted_and_any_other_is_refused_before_anyone_is_looked_up()
    {
        Assert.Single(_slack.CallsTo("auth.test"));

        Assert.Contains("not set up to use HireBot", await CommandAsync(_bot, OtherTeam, "role create evil Evil"));
        Assert.Empty(_slack.CallsTo("users.info"));

        Assert.Contains("Created role `be`", await CommandAsync(_bot, FakeSlack.TeamId, "role create be Backend"));
        await using var cmd = _bot.Db.CreateCommand("SELECT string_agg(slug, ',') FROM roles");
        Assert.Equal("be", await cmd.ExecuteScalarAsync());
    }

    [Fact]
    public async Task An_admitted_team_that_is_not_installed_never_gets_the_bot_token()
    {
        // Open admission: the other workspace passes the allow-list, but HireBot holds no token for it.
        var settings = Settings();
        settings["SLACK_ALLOWED_TEAM_IDS"] = "*";
        _open = await BotApp.StartAsync(nameof(An_admitted_team_that_is_not_installed_never_gets_the_bot_token), settings);
        var before = _slack.Calls.Count;

        var answer = await CommandAsync(_open, OtherTeam, "role create evil Evil");

        Assert.Contains("could not read your work email", answer);
        Assert.DoesNotContain(_slack.Calls.Skip(before), c => c.Method != "auth.test" && c.Authorization == "Bearer " + FakeSlack.BotToken);
        await using var cmd = _open.Db.CreateCommand("SELECT count(*) FROM roles");
        Assert.Equal(0L, (long)(await cmd.ExecuteScalarAsync())!);
    }
}
