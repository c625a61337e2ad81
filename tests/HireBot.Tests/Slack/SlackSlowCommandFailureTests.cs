using System.Text.Json.Nodes;
using HireBot.Calendar;
using HireBot.Tests.Fakes;
using HireBot.Tests.Fakes.Graph;
using HireBot.Tests.Fakes.Slack;
using HireBot.Tests.Scheduling;
using HireBot.Tests.Support;
using Quartz;

namespace HireBot.Tests.Slack;

/// <summary>
/// `/hire schedule` runs in the background and answers on the response_url: when the calendar
/// (the loopback Graph) fails, the answer says so instead of leaving "Working on it" on screen,
/// and a failure another try can fix is tried again.
/// </summary>
public class SlackSlowCommandFailureTests : IAsyncLifetime
{
    private FakeSlack _slack = null!;
    private FakeGraphTokenIssuer _issuer = null!;
    private FakeGraph _graph = null!;
    private BotApp _bot = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlack.StartAsync();
        _slack.AddUser(new FakeSlackUser("U0RITA", LoopSetup.Recruiter, "Rita Recruiter", "Europe/Berlin"));
        _issuer = await FakeGraphTokenIssuer.StartAsync();
        _graph = await FakeGraph.StartAsync(_issuer);
        _bot = await BotApp.StartAsync(nameof(SlackSlowCommandFailureTests), new Dictionary<string, string?>
        {
            ["SLACK_SIGNING_SECRET"] = SlackSigner.Secret,
            ["SLACK_BOT_TOKEN"] = FakeSlack.BotToken,
            ["SLACK_API_BASE_URL"] = _slack.ApiBaseUrl,
            ["SLACK_RESPONSE_URL_HOSTS"] = "127.0.0.1",
            ["AZURE_TENANT_ID"] = FakeGraphTokenIssuer.TenantId,
            ["AZURE_CLIENT_ID"] = FakeGraphTokenIssuer.ClientId,
            ["AZURE_CLIENT_SECRET"] = FakeGraphTokenIssuer.ClientSecret,
            ["Graph:BaseUrl"] = _graph.BaseUrl.ToString(),
            ["Graph:AuthorityHost"] = _issuer.AuthorityHost.ToString(),
            ["Graph:OrganizerMailbox"] = "recruiting@contoso.test",
            ["Scheduling:DeclinePollMinutes"] = "1440",
        }, configureServices: (services, configuration) => services.AddGraphCalendar(configuration, credential =>
        {
            credential.Transport = _issuer.CreateTrustingTransport();
            credential.DisableInstanceDiscovery = true;
            credential.Retry.MaxRetries = 0;
        }));
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _graph.DisposeAsync();
        await _issuer.DisposeAsync();
        await _slack.DisposeAsync();
    }

    private async Task<JsonNode> ScheduleAsync(LoopSetup s, string hook)
    {
        var response = await _bot.Http.SendAsync(SlackSigner.Command($"schedule {s.Candidate}", FakeSlack.TeamId, "U0RITA", "C0HIRING", _slack.ResponseUrl(hook), "t1", TestClock.Now));
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    /// <summary>The text of the one message posted to the response_url.</summary>
    private async Task<string> AnswerAsync(string hook)
    {
        var deadline = TestClock.UtcNow.AddSeconds(30);
        while (!_slack.Calls.Any(c => c.Path.EndsWith($"hooks/{hook}", StringComparison.Ordinal)) && TestClock.UtcNow < deadline) await Task.Delay(100);
        var calls = _slack.Calls.Where(c => c.Path.EndsWith($"hooks/{hook}", StringComparison.Ordinal)).ToList();
        Assert.True(calls.Count == 1, $"response_url posts: {calls.Count}; Slack calls: {string.Join(", ", _slack.Calls.Select(c => c.Path))}; Graph: {string.Join(", ", _graph.Requests.Select(r => r.Path))}");
        return JsonNode.Parse(calls[0].Body)!["text"]!.GetValue<string>();
    }

    [Fact]
    public async Task A_calendar_that_refuses_is_answered_on_the_response_url_with_the_failure_and_not_retried()
    {
        var s = new LoopSetup(_bot, "refused");
        await s.CreateAsync();
        _graph.Throttle(100, 0, status: 403);

        var ack = await ScheduleAsync(s, "refused");

        Assert.Contains("Working on it", ack["text"]!.GetValue<string>());
        var answer = await AnswerAsync("refused");
        Assert.Contains("Sorry, `schedule` could not finish: the calendar refused the request (403", answer);
        Assert.Contains("check HireBot's calendar permissions", answer);
        Assert.Empty(await RetriesAsync());
    }

    [Fact]
    public async Task A_calendar_that_does_not_answer_is_reported_and_the_command_tried_again()
    {
        var s = new LoopSetup(_bot, "unavailable");
        await s.CreateAsync();
        _graph.Throttle(100, 0, status: 500);

        await ScheduleAsync(s, "unavailable");

        var answer = await AnswerAsync("unavailable");
        Assert.Contains("`schedule` did not finish: the calendar service did not answer. Trying again in 15 seconds (attempt 2 of 3)", answer);
        var retry = Assert.Single(await RetriesAsync());
        Assert.Equal("2", retry.JobDataMap.GetString("attempt"));
        // The command, its sender and the response_url travel sealed: Quartz's tables hold none of them.
        Assert.DoesNotContain(retry.JobDataMap.Values, v => v?.ToString()?.Contains(s.Candidate, StringComparison.Ordinal) == true);
        Assert.True(_bot.Services.GetRequiredService<HireBot.Slack.SlackJobDataSeal>().TryOpen(retry.JobDataMap.GetString("sealed"), retry.Key.Name, out var work));
        Assert.Contains($"\"Text\":\"schedule {s.Candidate}\"", work);
    }

    /// <summary>Slow-command jobs waiting to run again.</summary>
    private async Task<List<IJobDetail>> RetriesAsync()
    {
        var scheduler = await _bot.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var jobs = new List<IJobDetail>();
        foreach (var key in await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals("slack")))
            if (await scheduler.GetJobDetail(key) is { } job && job.JobDataMap.ContainsKey("attempt")) jobs.Add(job);
        return jobs;
    }
}
