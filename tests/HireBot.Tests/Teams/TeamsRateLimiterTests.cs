using HireBot.Tests.Support;
using HireBot.Teams;
using Microsoft.Extensions.Time.Testing;

namespace HireBot.Tests.Teams;

/// <summary>Teams' per-thread (7/1 s, 8/2 s, 60/30 s, 1800/h) and per-tenant (50/s) limits as sliding windows.</summary>
public sealed class TeamsRateLimiterTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Seven_sends_per_second_then_wait_for_the_window()
    {
        var limiter = new TeamsRateLimiter(_time);
        var start = _time.GetUtcNow();

        for (var i = 0; i < 7; i++)
            Assert.True(limiter.TryAcquire("t", "conv", out _));

        Assert.False(limiter.TryAcquire("t", "conv", out var next));
        Assert.Equal(start.AddSeconds(1), next);
    }

    [Fact]
    public void Eighth_send_in_two_seconds_waits_for_the_two_second_window()
    {
        var limiter = new TeamsRateLimiter(_time);
        var start = _time.GetUtcNow();
        for (var i = 0; i < 7; i++)
            Assert.True(limiter.TryAcquire("t", "conv", out _));
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(limiter.TryAcquire("t", "conv", out _));
        Assert.False(limiter.TryAcquire("t", "conv", out var next));
        Assert.Equal(start.AddSeconds(2), next);
    }

    [Fact]
    public void Sixty_sends_in_thirty_seconds_is_the_ceiling()
    {
        var limiter = new TeamsRateLimiter(_time);
        var start = _time.GetUtcNow();
        for (var i = 0; i < 60; i++)
        {
            Assert.True(limiter.TryAcquire("t", "conv", out _), $"send {i} should be allowed");
            _time.Advance(TimeSpan.FromMilliseconds(400));
        }

        Assert.False(limiter.TryAcquire("t", "conv", out var next));
        Assert.Equal(start.AddSeconds(30), next);
    }

    [Fact]
    public void Fifty_per_second_per_tenant_across_conversations()
    {
        var limiter = new TeamsRateLimiter(_time);
        for (var i = 0; i < 50; i++)
            Assert.True(limiter.TryAcquire("tenant-a", $"conv-{i}", out _));

        Assert.False(limiter.TryAcquire("tenant-a", "conv-new", out var next));
        Assert.Equal(_time.GetUtcNow().AddSeconds(1), next);
        Assert.True(limiter.TryAcquire("tenant-b", "conv-new", out _));
    }

    [Fact]
    public void Other_conversations_are_not_held_back_by_a_busy_one()
    {
        var limiter = new TeamsRateLimiter(_time);
        for (var i = 0; i < 7; i++)
            Assert.True(limiter.TryAcquire("t", "busy", out _));

        Assert.False(limiter.TryAcquire("t", "busy", out _));
        Assert.True(limiter.TryAcquire("t", "quiet", out _));
    }

    [Fact]
    public void Eighteen_hundred_sends_per_hour_per_conversation()
    {
        var limiter = new TeamsRateLimiter(_time);
        var start = _time.GetUtcNow();
        for (var i = 0; i < 1800; i++)
        {
            if (i > 0)
                _time.Advance(TimeSpan.FromSeconds(2));
            Assert.True(limiter.TryAcquire("t", "conv", out _), $"send {i} should be allowed");
        }

        Assert.False(limiter.TryAcquire("t", "conv", out var next));
        Assert.Equal(start.AddHours(1), next);
    }

    [Fact]
    public void A_tenant_backlog_gets_distinct_slots_at_the_tenant_rate_and_each_slot_is_honoured()
    {
        var limiter = new TeamsRateLimiter(_time);
        var start = _time.GetUtcNow();
        for (var i = 0; i < 50; i++)
            Assert.True(limiter.TryAcquire("t", $"conv-{i}", out _));

        // 200 more rows turned away at once: each gets its own slot, 20 ms apart, from the moment the window frees up.
        var slots = new List<DateTimeOffset>();
        for (var i = 0; i < 200; i++)
        {
            Assert.False(limiter.TryAcquire("t", $"later-{i}", out var slot));
            slots.Add(slot);
        }
        Assert.Equal(start.AddSeconds(1), slots[0]);
        Assert.All(slots.Zip(slots.Skip(1)), p => Assert.Equal(TimeSpan.FromMilliseconds(20), p.Second - p.First));

        // Coming back at its slot, each row is let through: no row is turned away twice.
        foreach (var (slot, i) in slots.Select((s, i) => (s, i)))
        {
            _time.Advance(slot - _time.GetUtcNow());
            Assert.True(limiter.TryAcquire("t", $"later-{i}", out _), $"row {i} at its slot");
        }
    }

    [Fact]
    public void A_send_held_back_by_its_own_conversation_takes_no_tenant_slot()
    {
        var limiter = new TeamsRateLimiter(_time);
        var start = _time.GetUtcNow();
        for (var i = 0; i < 60; i++, _time.Advance(TimeSpan.FromMilliseconds(400)))
            Assert.True(limiter.TryAcquire("t", "busy", out _)); // the conversation's 60 per 30 s, spent
        _time.Advance(TimeSpan.FromSeconds(1)); // its last sends leave the tenant's one-second window
        var now = _time.GetUtcNow();
        for (var i = 0; i < 50; i++)
            Assert.True(limiter.TryAcquire("t", $"other-{i}", out _)); // and the tenant's 50 this second

        Assert.False(limiter.TryAcquire("t", "busy", out var busyNext));
        Assert.False(limiter.TryAcquire("t", "newcomer", out var newcomerNext));

        Assert.Equal(start.AddSeconds(30), busyNext); // its own window decides
        Assert.Equal(now.AddSeconds(1), newcomerNext); // the first tenant slot is still free: the busy one did not take it
    }
}
