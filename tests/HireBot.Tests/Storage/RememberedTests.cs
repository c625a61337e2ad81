using HireBot.Storage;
using Microsoft.Extensions.Time.Testing;

namespace HireBot.Tests.Storage;

public class RememberedTests
{
    [Fact]
    public void A_value_is_remembered_for_its_time_then_forgotten_and_stale_ones_are_pruned_as_the_map_grows()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));
        var cache = new Remembered<string>(time, TimeSpan.FromMinutes(5), pruneAbove: 2);
        cache.Set("u1", "ada@example.com");

        time.Advance(TimeSpan.FromMinutes(4));
        Assert.True(cache.TryGet("u1", out var email));
        Assert.Equal("ada@example.com", email);
        cache.Forget("u1");
        Assert.False(cache.TryGet("u1", out _));

        cache.Set("u2", "grace@example.com");
        cache.Set("u3", "linus@example.com");
        time.Advance(TimeSpan.FromMinutes(5));
        Assert.False(cache.TryGet("u2", out _)); // expired
        cache.Set("u4", "barbara@example.com"); // two held, not over the bound: nothing dropped yet
        Assert.Equal(3, cache.Count);
        cache.Set("u5", "margaret@example.com"); // over the bound: the two expired entries go
        Assert.Equal(2, cache.Count);
        Assert.True(cache.TryGet("u4", out _));
        Assert.True(cache.TryGet("u5", out _));
    }
}
