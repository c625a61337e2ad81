using System.Globalization;
using HireBot.Slack;
using Microsoft.Extensions.Time.Testing;

namespace HireBot.Tests.Slack;

public sealed class SlackRateLimiterTests
{
    private readonly FakeTimeProvider time = new(DateTimeOffset.Parse("2026-11-27T09:00:00Z", CultureInfo.InvariantCulture));

    private static int Burst(SlackRateLimiter limiter, string method, string team, string? channel = null)
    {
        var n = 0;
        while (limiter.TryAcquire(method, team, channel) == TimeSpan.Zero && n < 1000)
        {
            n++;
        }

        return n;
    }

    [Theory]
    [InlineData("users.lookupByEmail", 12, 50)]  // Tier 3
    [InlineData("chat.update", 12, 50)]          // Tier 3
    [InlineData("conversations.open", 12, 50)]   // Tier 3
    [InlineData("views.open", 25, 100)]          // Tier 4
    [InlineData("users.info", 25, 100)]          // Tier 4
    [InlineData("some.unknownMethod", 5, 20)]    // treated as Tier 2
    public void Each_tier_allows_its_burst_then_its_per_minute_floor(string method, int burst, int perMinute)
    {
        var limiter = new SlackRateLimiter(time);

        Assert.Equal(burst, Burst(limiter, method, "T1"));
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(Math.Min(burst, perMinute), Burst(limiter, method, "T1"));

        var total = 0;
        for (var s = 0; s < 60; s++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            total += Burst(limiter, method, "T1");
        }

        Assert.InRange(total, perMinute - 1, perMinute);
    }

    [Fact]
    public void Denied_call_is_told_how_long_to_wait_and_may_go_exactly_then()
    {
        var limiter = new SlackRateLimiter(time);
        Burst(limiter, "users.info", "T1");

        var wait = limiter.TryAcquire("users.info", "T1");

        Assert.Equal(TimeSpan.FromSeconds(0.6), wait);
        time.Advance(wait);
        Assert.Equal(TimeSpan.Zero, limiter.TryAcquire("users.info", "T1"));
    }

    [Fact]
    public void Post_message_is_paced_per_channel_about_one_per_second()
    {
        var limiter = new SlackRateLimiter(time);

        Assert.Equal(3, Burst(limiter, "chat.postMessage", "T1", "C1"));
        Assert.Equal(TimeSpan.FromSeconds(1), limiter.TryAcquire("chat.postMessage", "T1", "C1"));
        Assert.Equal(3, Burst(limiter, "chat.postMessage", "T1", "C2"));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, Burst(limiter, "chat.postMessage", "T1", "C1"));
    }

    [Fact]
    public void Teams_and_methods_have_separate_budgets()
    {
        var limiter = new SlackRateLimiter(time);
        Burst(limiter, "views.open", "T1");

        Assert.Equal(TimeSpan.Zero, limiter.TryAcquire("views.open", "T2"));
        Assert.Equal(TimeSpan.Zero, limiter.TryAcquire("views.update", "T1"));
    }

    [Fact]
    public void Slack_429_blocks_the_method_for_the_team_on_every_channel_until_retry_after()
    {
        var limiter = new SlackRateLimiter(time);

        limiter.Throttled("chat.postMessage", "T1", TimeSpan.FromSeconds(30));

        Assert.Equal(TimeSpan.FromSeconds(30), limiter.TryAcquire("chat.postMessage", "T1", "C9"));
        Assert.Equal(TimeSpan.Zero, limiter.TryAcquire("chat.postMessage", "T2", "C9"));
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(TimeSpan.Zero, limiter.TryAcquire("chat.postMessage", "T1", "C9"));
    }
}
