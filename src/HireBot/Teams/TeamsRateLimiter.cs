namespace HireBot.Teams;

/// <summary>
/// Teams' send limits as sliding windows: per bot per conversation 7 per 1 s, 8 per 2 s, 60 per
/// 30 s and 1800 per hour; per app per tenant 50 per second. Pure bookkeeping on a
/// <see cref="TimeProvider"/>: the channel client takes a send (recorded) or learns when to come back.
/// Per process; with several instances each keeps its own view and 429s remain the backstop.
/// A send turned away by the tenant limit is handed its own future slot, one per 1/50 s after the
/// last slot handed out, so a backlog of thousands comes back in order at the rate Teams allows
/// instead of all at once to be turned away again.
/// </summary>
/// <remarks>https://learn.microsoft.com/microsoftteams/platform/bots/how-to/rate-limit</remarks>
public sealed class TeamsRateLimiter(TimeProvider timeProvider)
{
    private static readonly (TimeSpan Window, int Limit)[] ConversationLimits =
    [
        (TimeSpan.FromSeconds(1), 7),
        (TimeSpan.FromSeconds(2), 8),
        (TimeSpan.FromSeconds(30), 60),
        (TimeSpan.FromHours(1), 1800),
    ];

    private static readonly (TimeSpan Window, int Limit)[] TenantLimits = [(TimeSpan.FromSeconds(1), 50)];
    private static readonly TimeSpan TenantSpacing = TimeSpan.FromSeconds(1) / 50;

    private readonly Dictionary<string, Queue<DateTimeOffset>> _conversations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<DateTimeOffset>> _tenants = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _lastSlot = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>
    /// Record and return true when a send may happen now. Otherwise return false and when to come
    /// back: the conversation's own earliest moment, or, when the tenant limit is what holds it, a
    /// slot of its own behind every slot already handed out for that tenant.
    /// </summary>
    public bool TryAcquire(string tenantId, string conversationId, out DateTimeOffset nextAllowedAt)
    {
        var now = timeProvider.GetUtcNow();
        lock (_gate)
        {
            var conversationSends = History(_conversations, conversationId, now, TimeSpan.FromHours(1));
            var tenantSends = History(_tenants, tenantId, now, TimeSpan.FromSeconds(1));
            var conversation = Earliest(conversationSends, ConversationLimits, now);
            var tenant = Earliest(tenantSends, TenantLimits, now);
            if (conversation <= now && tenant <= now)
            {
                conversationSends.Enqueue(now);
                tenantSends.Enqueue(now);
                nextAllowedAt = now;
                return true;
            }
            // A slot is handed out only when the tenant limit is what holds this send back; one held by
            // its conversation's own limit would leave the slot unused.
            if (tenant > now && tenant >= conversation)
            {
                if (_lastSlot.TryGetValue(tenantId, out var last) && last + TenantSpacing > tenant)
                    tenant = last + TenantSpacing;
                if (_lastSlot.Count > 10_000)
                    foreach (var stale in _lastSlot.Where(p => p.Value < now).Select(p => p.Key).ToList())
                        _lastSlot.Remove(stale);
                _lastSlot[tenantId] = tenant;
            }
            nextAllowedAt = conversation > tenant ? conversation : tenant;
            return false;
        }
    }

    private static Queue<DateTimeOffset> History(Dictionary<string, Queue<DateTimeOffset>> all, string key, DateTimeOffset now, TimeSpan keep)
    {
        if (!all.TryGetValue(key, out var sends))
        {
            // Forget idle keys so the maps do not grow with every conversation ever seen.
            if (all.Count > 10_000)
                foreach (var idle in all.Where(p => p.Value.Count == 0 || p.Value.Last() <= now - keep).Select(p => p.Key).ToList())
                    all.Remove(idle);
            all[key] = sends = new Queue<DateTimeOffset>();
        }
        while (sends.Count > 0 && sends.Peek() <= now - keep)
            sends.Dequeue();
        return sends;
    }

    // For each window: if it already holds `limit` sends, the next one may go when the oldest send
    // that must drop out (the limit-th newest) leaves the window.
    private static DateTimeOffset Earliest(Queue<DateTimeOffset> sends, (TimeSpan Window, int Limit)[] limits, DateTimeOffset now)
    {
        var earliest = now;
        if (sends.Count == 0)
            return earliest;
        var ordered = sends.ToArray();
        foreach (var (window, limit) in limits)
        {
            var inWindow = ordered.Count(t => t > now - window);
            if (inWindow < limit)
                continue;
            var blocking = ordered[ordered.Length - limit] + window;
            if (blocking > earliest)
                earliest = blocking;
        }
        return earliest;
    }
}
