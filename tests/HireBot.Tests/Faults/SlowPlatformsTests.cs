using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using HireBot.Calendar;
using HireBot.Tests.Fakes;
using HireBot.Tests.Fakes.Graph;
using HireBot.Tests.Fakes.Slack;
using HireBot.Tests.Scheduling;
using HireBot.Tests.Scorecards;
using HireBot.Tests.Support;

namespace HireBot.Tests.Faults;

/// <summary>
/// Every slow Slack command and card action, with Graph and Slack (Web API and response_url)
/// answering in 2 s, or Graph failing: each acknowledgement comes in under 1 s, and each person
/// then sees the result or a failure that says what happened, on the response_url. And the modal
/// a button opens (its trigger_id lives 3 s) is opened well inside that: p99 from click to
/// views.open under 1 s over 50 clicks.
/// </summary>
public class SlowPlatformsTests : IAsyncLifetime
{
    private static readonly TimeSpan AckBudget = TimeSpan.FromSeconds(1);
    private FakeSlack _slack = null!;
    private FakeGraphTokenIssuer _issuer = null!;
    private FakeGraph _graph = null!;
    private BotApp _bot = null!;
    private int _sent;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlack.StartAsync();
        _slack.AddUser(new FakeSlackUser("U0RITA", LoopSetup.Recruiter, "Rita Recruiter", "Europe/Berlin"));
        _slack.AddUser(new FakeSlackUser("U0PETE", "pete@example.com", "Pete Panelist", "America/New_York"));
        _slack.AddChannel(new FakeSlackChannel("C0PUBLIC", "hiring-be"));
        _issuer = await FakeGraphTokenIssuer.StartAsync();
        _graph = await FakeGraph.StartAsync(_issuer);
        var settings = _graph.BotSettings(_issuer);
        foreach (var (key, value) in _slack.BotSettings()) settings[key] = value;
        settings["Outbox:MaxAttempts"] = "3"; // a calendar change that keeps failing is given up (and reported) within seconds
        _bot = await BotApp.StartAsync(nameof(SlowPlatformsTests), settings, configureServices: FakeGraph.TrustingCalendar(_issuer));
    }

    public async Task DisposeAsync()
    {
        _slack.Delay = _graph.Delay = TimeSpan.Zero;
        await _bot.DisposeAsync();
        await _graph.DisposeAsync();
        await _issuer.DisposeAsync();
        await _slack.DisposeAsync();
    }

    /// <summary>A signed /hire, timed; returns the acknowledgement's text (empty without a body) and the hook it answers on.</summary>
    private async Task<(string Ack, string Hook)> CommandAsync(string text, string user = "U0RITA", string channel = "C0PUBLIC")
    {
        var hook = $"slow-{Interlocked.Increment(ref _sent)}";
        var watch = Stopwatch.StartNew();
        var response = await _bot.Http.SendAsync(SlackSigner.Command(text, FakeSlack.TeamId, user, channel, _slack.ResponseUrl(hook), $"t-{hook}", TestClock.Now));
        watch.Stop();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(watch.Elapsed < AckBudget, $"`{text}` was acknowledged after {watch.Elapsed.TotalMilliseconds:0} ms");
        var body = await response.Content.ReadAsStringAsync();
        return (body.Length == 0 ? "" : JsonNode.Parse(body)!["text"]?.GetValue<string>() ?? "", hook);
    }

    /// <summary>A click on a message button, timed; returns the hook it answers on.</summary>
    private async Task<string> ClickAsync(string user, string actionId, string value, string? trigger = null)
    {
        var hook = $"slow-{Interlocked.Increment(ref _sent)}";
        var payload = new JsonObject
        {
            ["type"] = "block_actions", ["team"] = new JsonObject { ["id"] = FakeSlack.TeamId }, ["user"] = new JsonObject { ["id"] = user },
            ["trigger_id"] = trigger ?? $"t-{hook}", ["response_url"] = _slack.ResponseUrl(hook),
            ["container"] = new JsonObject { ["type"] = "message", ["channel_id"] = "C0PUBLIC", ["message_ts"] = "1.1" },
            ["channel"] = new JsonObject { ["id"] = "C0PUBLIC" },
            ["actions"] = new JsonArray(new JsonObject { ["action_id"] = actionId, ["block_id"] = "b", ["type"] = "button", ["value"] = value }),
        };
        var watch = Stopwatch.StartNew();
        var response = await _bot.Http.SendAsync(SlackSigner.Form("/slack/interactions", "payload=" + Uri.EscapeDataString(payload.ToJsonString()), TestClock.Now));
        watch.Stop();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(watch.Elapsed < AckBudget, $"a click on {actionId} was acknowledged after {watch.Elapsed.TotalMilliseconds:0} ms");
        return hook;
    }

    /// <summary>The last word posted to the hook once <paramref name="count"/> posts came (the command's answer follows any "trying again").</summary>
    private async Task<string> AnswerAsync(string hook, int count = 1)
    {
        var posts = await _slack.HookPostsAsync(hook, count, seconds: 60);
        Assert.True(posts.Length >= count, $"{posts.Length} of {count} answers on {hook}: {string.Join(" | ", posts.Select(p => p["text"]))}; Slack saw {string.Join(", ", _slack.Calls.Select(c => c.Method))}");
        return posts[^1].ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    [Fact]
    public async Task With_graph_and_slack_answering_in_two_seconds_every_slow_command_and_action_is_acknowledged_at_once_and_answered()
    {
        var s = new LoopSetup(_bot, "slow");
        await s.CreateAsync();
        _slack.Delay = _graph.Delay = TimeSpan.FromSeconds(2);

        // role channel: Slack is asked whether the bot can post there.
        var (channelAck, channelHook) = await CommandAsync("role channel slow <#C0PUBLIC|hiring-be>");
        Assert.Contains("Working on it", channelAck);
        Assert.Contains("will go to #hiring-be", await AnswerAsync(channelHook));

        // schedule: every panelist's calendar is read; the options come with pick buttons.
        var (scheduleAck, scheduleHook) = await CommandAsync($"schedule {s.Candidate}");
        Assert.Contains("Working on it", scheduleAck);
        var options = JsonNode.Parse(await AnswerAsync(scheduleHook))!["blocks"]!.AsArray()
            .Where(b => (string?)b!["type"] == "actions").SelectMany(b => b!["elements"]!.AsArray()).First()!;

        // pick: the booking creates calendar events.
        var picked = await ClickAsync("U0RITA", (string)options["action_id"]!, (string)options["value"]!);
        Assert.Contains("Booked", await AnswerAsync(picked));
        // The invitations follow (outbox rows, 2 s each at Graph); the recruiter hears when they are all out.
        var waited = Stopwatch.StartNew();
        while (!_slack.CallsTo("chat.postMessage").Any(c => c.Body.Contains("Calendar invitations sent for Ada Lovelace")) && waited.Elapsed < TimeSpan.FromSeconds(60))
            await Task.Delay(50);
        var sent = Assert.Single(_slack.CallsTo("chat.postMessage"), c => c.Body.Contains("Calendar invitations sent for Ada Lovelace"));
        Assert.Equal(("DU0RITA", "Calendar invitations sent for Ada Lovelace's 5 interviews."),
            (sent.Json.GetProperty("channel").GetString(), sent.Json.GetProperty("text").GetString()));

        // reschedule: events cancelled, calendars read again.
        var (rescheduleAck, rescheduleHook) = await CommandAsync($"reschedule {s.Candidate}");
        Assert.Contains("Working on it", rescheduleAck);
        Assert.Contains("Schedule options", await AnswerAsync(rescheduleHook));

        // cancel: the loop is withdrawn.
        var (_, cancelHook) = await CommandAsync($"cancel {s.Candidate}");
        Assert.Contains("withdrew", await AnswerAsync(cancelHook));
    }

    [Fact]
    public async Task With_graph_failing_every_slow_command_and_action_is_acknowledged_at_once_and_told_what_went_wrong()
    {
        var s = new LoopSetup(_bot, "down");
        await s.CreateAsync();
        var (_, scheduleHook) = await CommandAsync($"schedule {s.Candidate}");
        var options = JsonNode.Parse(await AnswerAsync(scheduleHook))!["blocks"]!.AsArray()
            .Where(b => (string?)b!["type"] == "actions").SelectMany(b => b!["elements"]!.AsArray()).First()!;
        _graph.Throttle(10_000, 0, status: 503);
        _slack.Delay = TimeSpan.FromSeconds(2);

        var picked = await ClickAsync("U0RITA", (string)options["action_id"]!, (string)options["value"]!);
        Assert.Contains("Booked", await AnswerAsync(picked));
        // The invitations cannot be made: once the calendar rows are given up, the recruiter is told in her DM what is missing.
        var waited = Stopwatch.StartNew();
        while (_slack.CallsTo("chat.postMessage").Count(c => c.Body.Contains("Not delivered: the calendar invitation")) < 5 && waited.Elapsed < TimeSpan.FromSeconds(60))
            await Task.Delay(50);
        var reports = _slack.CallsTo("chat.postMessage").Where(c => c.Body.Contains("Not delivered: the calendar invitation")).ToList();
        Assert.Equal(5, reports.Count); // one per round
        Assert.Contains(reports, r => r.Body.Contains("the calendar invitation for Ada Lovelace (screen)"));
        Assert.All(reports, r => Assert.Contains("the calendar service did not answer", r.Body));

        var (_, rescheduleHook) = await CommandAsync($"reschedule {s.Candidate}");
        // Tried again, each time saying so, then given up with the cause.
        var answer = await AnswerAsync(rescheduleHook, count: 3);
        Assert.Contains("the calendar service did not answer", answer);
        Assert.Contains("Tried 3 times", answer);

        var (_, cancelHook) = await CommandAsync($"cancel {s.Candidate}");
        Assert.Contains("withdrew", await AnswerAsync(cancelHook));
    }

    [Fact]
    public async Task A_scorecard_button_opens_its_modal_within_a_second_of_the_click_at_p99_over_50_clicks()
    {
        var loop = await _bot.NewLoopAsync("modal", new InterviewSpec("screen", ["pete@example.com"], Completed: false));
        await _bot.EndInterviewAsync(loop.Interviews[0]);
        var value = new JsonObject { ["interviewId"] = loop.Interviews[0].ToString() }.ToJsonString();
        // Pete is known once he has clicked once (users.info, off the acknowledgement).
        await ClickAsync("U0PETE", "scorecard.open", value, trigger: "warm-up");
        await WaitForModalAsync("warm-up");

        var latencies = new List<TimeSpan>();
        for (var i = 0; i < 50; i++)
        {
            var trigger = $"modal-{i}";
            var sent = Stopwatch.GetTimestamp();
            await ClickAsync("U0PETE", "scorecard.open", value, trigger);
            var opened = await WaitForModalAsync(trigger);
            latencies.Add(Stopwatch.GetElapsedTime(sent, opened.ReceivedAt));
        }

        var p99 = latencies.Order().ElementAt((int)Math.Ceiling(latencies.Count * 0.99) - 1);
        Assert.True(p99 < TimeSpan.FromSeconds(1), $"p99 click → views.open {p99.TotalMilliseconds:0} ms; all: {string.Join(", ", latencies.Select(l => l.TotalMilliseconds.ToString("0", System.Globalization.CultureInfo.InvariantCulture)))}");
    }

    private async Task<FakeSlackCall> WaitForModalAsync(string trigger)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            if (_slack.CallsTo("views.open").FirstOrDefault(c => c.Body.Contains($"\"{trigger}\"")) is { } call) return call;
            await Task.Delay(5);
        }
        throw new TimeoutException($"no views.open for {trigger}");
    }
}
