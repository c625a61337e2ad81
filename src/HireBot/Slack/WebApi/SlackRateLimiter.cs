namespace HireBot.Slack;

/// <summary>
/// Answers the outbox dispatcher's question "may I call method M for team T (channel C) now, and if
/// not, how long until I may?" Pure in-process bookkeeping over <see cref="TimeProvider"/>; it sends
/// nothing. Token buckets per (team, method), plus per (team, channel) for chat.postMessage's special
/// tier. Rates sit at each tier's published floor (https://docs.slack.dev/apis/web-api/rate-limits),
/// bursts at a quarter of a minute's quota, so a single instance stays under Slack's limits; with
/// several instances Slack's 429 is the backstop and <see cref="Throttled"/> records it.
/// </summary>
public sealed class SlackRateLimiter(TimeProvider time)
{
    private const int PruneThreshold = 10_000;
    private readonly Dictionary<string, SlackTokenBucket> buckets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> blockedUntil = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    /// <summary>
    /// Takes a slot and returns <see cref="TimeSpan.Zero"/>, or takes nothing and returns how long to wait.
    /// channelId matters only for chat.postMessage.
    /// </summary>
    public TimeSpan TryAcquire(string method, string teamId, string? channelId = null)
    {
        var now = time.GetUtcNow();
        var tier = SlackMethodCatalog.TierOf(method);
        var key = tier == SlackRateTier.PostMessage ? $"{teamId}|{method}|{channelId}" : $"{teamId}|{method}";
        lock (gate)
        {
            if (blockedUntil.TryGetValue($"{teamId}|{method}", out var until) && until > now)
            {
                return until - now;
            }

            if (buckets.Count > PruneThreshold)
            {
                Prune(now);
            }

            if (!buckets.TryGetValue(key, out var bucket))
            {
                bucket = SlackTokenBucket.For(tier, now);
                buckets[key] = bucket;
            }

            return bucket.TryTake(now);
        }
    }

    /// <summary>Records Slack's 429 for (team, method): every channel waits retryAfter.</summary>
    public void Throttled(string method, string teamId, TimeSpan retryAfter)
    {
        lock (gate)
        {
            blockedUntil[$"{teamId}|{method}"] = time.GetUtcNow() + retryAfter;
        }
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var key in buckets.Where(b => b.Value.IsFull(now)).Select(b => b.Key).ToList())
        {
            buckets.Remove(key);
        }

        foreach (var key in blockedUntil.Where(b => b.Value <= now).Select(b => b.Key).ToList())
        {
            blockedUntil.Remove(key);
        }
    }
}
