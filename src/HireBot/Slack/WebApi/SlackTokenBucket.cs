namespace HireBot.Slack;

/// <summary>A token bucket; not thread-safe on its own (<see cref="SlackRateLimiter"/> holds the lock).</summary>
internal sealed class SlackTokenBucket
{
    private readonly double capacity;
    private readonly double perSecond;
    private double tokens;
    private DateTimeOffset last;

    public SlackTokenBucket(double capacity, double perSecond, DateTimeOffset now)
    {
        this.capacity = capacity;
        this.perSecond = perSecond;
        tokens = capacity;
        last = now;
    }

    /// <summary>
    /// Floors of each tier per minute, burst = a quarter of that (at least 1). chat.postMessage: one
    /// per second per channel, bursts of 3 ("short bursts >1 allowed" on the rate limits page).
    /// </summary>
    public static SlackTokenBucket For(SlackRateTier tier, DateTimeOffset now) => tier switch
    {
        SlackRateTier.Tier1 => PerMinute(1, now),
        SlackRateTier.Tier2 => PerMinute(20, now),
        SlackRateTier.Tier3 => PerMinute(50, now),
        SlackRateTier.Tier4 => PerMinute(100, now),
        _ => new SlackTokenBucket(3, 1, now),
    };

    public TimeSpan TryTake(DateTimeOffset now)
    {
        Refill(now);
        if (tokens >= 1)
        {
            tokens -= 1;
            return TimeSpan.Zero;
        }

        return TimeSpan.FromSeconds(Math.Ceiling((1 - tokens) / perSecond * 1000) / 1000);
    }

    public bool IsFull(DateTimeOffset now)
    {
        Refill(now);
        return tokens >= capacity;
    }

    private static SlackTokenBucket PerMinute(int perMinute, DateTimeOffset now) =>
        new(Math.Max(1, perMinute / 4), perMinute / 60.0, now);

    private void Refill(DateTimeOffset now)
    {
        if (now > last)
        {
            tokens = Math.Min(capacity, tokens + (now - last).TotalSeconds * perSecond);
            last = now;
        }
    }
}
