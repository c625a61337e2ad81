using System.Text.Json.Nodes;
using HireBot.Outbox;
using HireBot.Tests.Fakes;
using HireBot.Tests.Fakes.Slack;
using HireBot.Tests.Scorecards;
using HireBot.Tests.Support;

namespace HireBot.Tests.EndToEnd;

/// <summary>
/// Our own rate limiter pacing a burst is not a failed attempt: with one attempt allowed, every message
/// still goes out, paced, and the fake Slack (which answers 429 past its per-channel pace) never has to refuse one.
/// </summary>
public class PacingTests : IAsyncLifetime
{
    private FakeSlack _slack = null!;
    private BotApp _bot = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlack.StartAsync();
        _slack.AddUser(new FakeSlackUser("U0PETE", "pete@example.com", "Pete", "UTC"));
        _bot = await BotApp.StartAsync(nameof(PacingTests), new Dictionary<string, string?>
        {
            ["SLACK_SIGNING_SECRET"] = SlackSigner.Secret, ["SLACK_BOT_TOKEN"] = FakeSlack.BotToken, ["SLACK_API_BASE_URL"] = _slack.ApiBaseUrl,
            ["Outbox:MaxAttempts"] = "1",
        });
        _slack.EnforceChannelRate(burst: 4); // one more than our limiter's burst of 3: room for network jitter, none for an unpaced burst
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _slack.DisposeAsync();
    }

    [Fact]
    public async Task A_burst_to_one_channel_is_paced_not_failed()
    {
        using var org = HireBot.Organisations.OrgScope.Enter(HireBot.Organisations.OrgScope.Default); // tests act as the default organisation
        var store = _bot.Services.GetRequiredService<OutboxStore>();
        await store.EnqueueAsync(Enumerable.Range(1, 6).Select(i =>
            new OutboxMessage($"burst:{i}", Recipients.Person("pete@example.com"), "message", new JsonObject { ["text"] = $"note {i}" })), default);

        var deadline = TestClock.UtcNow.AddSeconds(20);
        while (await _bot.ScalarAsync<long>("SELECT count(*) FROM outbox WHERE idempotency_key LIKE 'burst:%' AND status IN ('sent', 'failed')") < 6
               && TestClock.UtcNow < deadline)
            await Task.Delay(100);

        Assert.Empty(_slack.Refused); // paced under Slack's limit, never throttled by it
        var posts = _slack.CallsTo("chat.postMessage");
        Assert.Equal(6, posts.Length); // one channel allows a burst of 3, then one a second: nothing was failed for waiting
        Assert.Equal(0L, await _bot.ScalarAsync<long>("SELECT count(*) FROM outbox WHERE status = 'failed'"));
        Assert.Equal(6L, await _bot.ScalarAsync<long>("SELECT count(*) FROM outbox WHERE status = 'sent' AND attempts = 1"));
    }

    [Fact]
    public async Task A_workspace_slack_throttled_waits_out_the_retry_after_for_its_other_channels_too()
    {
        using var org = HireBot.Organisations.OrgScope.Enter(HireBot.Organisations.OrgScope.Default); // tests act as the default organisation
        var store = _bot.Services.GetRequiredService<OutboxStore>();
        _slack.RateLimitNext("chat.postMessage", 3);
        await store.EnqueueAsync([new OutboxMessage("throttle:a", Recipients.Conversation("slack", $"{FakeSlack.TeamId}/C0AAA"), "message", new JsonObject { ["text"] = "a" })], default);
        var deadline = TestClock.UtcNow.AddSeconds(10);
        while (_slack.CallsTo("chat.postMessage").Length == 0 && TestClock.UtcNow < deadline) await Task.Delay(50);

        await store.EnqueueAsync([new OutboxMessage("throttle:b", Recipients.Conversation("slack", $"{FakeSlack.TeamId}/C0BBB"), "message", new JsonObject { ["text"] = "b" })], default);

        // b goes out (a, throttled with one attempt allowed in this class, is recorded as failed), but only once
        // the workspace's Retry-After has passed: it waited rather than hitting Slack again.
        deadline = TestClock.UtcNow.AddSeconds(15);
        while (_slack.CallsTo("chat.postMessage").Length < 2 && TestClock.UtcNow < deadline) await Task.Delay(100);
        var calls = _slack.CallsTo("chat.postMessage");
        Assert.Equal(2, calls.Length);
        Assert.Contains("C0BBB", calls[1].Body);
        Assert.True(calls[1].At - calls[0].At >= TimeSpan.FromSeconds(2.5), $"b went out {(calls[1].At - calls[0].At).TotalSeconds:0.0} s after the 429 that said wait 3 s");
    }
}
