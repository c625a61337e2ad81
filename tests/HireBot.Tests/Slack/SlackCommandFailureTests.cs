using System.Text.Json.Nodes;
using HireBot.Calendar;
using HireBot.Tests.Fakes;
using HireBot.Tests.Fakes.Graph;
using HireBot.Tests.Fakes.Slack;
using HireBot.Tests.Scheduling;
using HireBot.Tests.Scorecards;
using HireBot.Tests.Support;

namespace HireBot.Tests.Slack;

/// <summary>
/// `/hire schedule` is stored in the inbox, acknowledged, run by the inbox worker and answered on
/// the response_url: when the calendar (the loopback Graph) fails, the answer says so instead of
/// leaving "Working on it" on screen, and a failure another try can fix is tried again, saying so.
/// </summary>
public class SlackCommandFailureTests : IAsyncLifetime
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
        var settings = _graph.BotSettings(_issuer);
        foreach (var (key, value) in _slack.BotSettings()) settings[key] = value;
        _bot = await BotApp.StartAsync(nameof(SlackCommandFailureTests), settings, configureServices: FakeGraph.TrustingCalendar(_issuer));
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

    /// <summary>The texts posted to the response_url, once <paramref name="count"/> came.</summary>
    private async Task<List<string>> AnswersAsync(string hook, int count)
    {
        var posts = await _slack.HookPostsAsync(hook, count, seconds: 30);
        Assert.True(posts.Length == count, $"response_url posts: {posts.Length}; Slack calls: {string.Join(", ", _slack.Calls.Select(c => c.Path))}; Graph: {string.Join(", ", _graph.Requests.Select(r => r.Path))}");
        return [.. posts.Select(p => p["text"]!.GetValue<string>())];
    }

    [Fact]
    public async Task A_calendar_that_refuses_is_answered_on_the_response_url_with_the_failure_and_not_retried()
    {
        var s = new LoopSetup(_bot, "refused");
        await s.CreateAsync();
        _graph.Throttle(100, 0, status: 403);

        var ack = await ScheduleAsync(s, "refused");

        Assert.Contains("Working on it", ack["text"]!.GetValue<string>());
        var answer = Assert.Single(await AnswersAsync("refused", 1));
        Assert.Contains("Sorry, `schedule` could not finish: the calendar refused the request (403", answer);
        Assert.Contains("check HireBot's calendar permissions", answer);
        Assert.Equal(1, await _bot.ScalarAsync<int>("SELECT attempts FROM inbox WHERE source = 'slack' AND status = 'done'"));
        // Answered once, and not to be tried again: the row is done after one attempt, and its one reply is the answer.
        Assert.Equal(1L, await _bot.ScalarAsync<long>("SELECT count(*) FROM outbox WHERE idempotency_key LIKE 'slack-reply:%'"));
    }

    [Fact]
    public async Task A_calendar_that_does_not_answer_is_reported_and_the_command_tried_again_until_it_gives_up_saying_so()
    {
        var s = new LoopSetup(_bot, "unavailable");
        await s.CreateAsync();
        _graph.Throttle(1000, 0, status: 500);

        await ScheduleAsync(s, "unavailable");

        var answers = await AnswersAsync("unavailable", 3);
        Assert.Contains("`schedule` did not finish: the calendar service did not answer. Trying again in a moment (attempt 2 of 3)", answers[0]);
        Assert.Contains("(attempt 3 of 3)", answers[1]);
        Assert.Contains("Sorry, `schedule` could not finish: the calendar service did not answer. Tried 3 times", answers[2]);
        // The command waits in the inbox (its own row, retried there), not in Quartz.
        Assert.Equal(3, await _bot.ScalarAsync<int>("SELECT attempts FROM inbox WHERE source = 'slack'"));
        Assert.Equal(0L, await _bot.ScalarAsync<long>("SELECT count(*) FROM qrtz_job_details WHERE job_group = 'slack'"));
    }
}
