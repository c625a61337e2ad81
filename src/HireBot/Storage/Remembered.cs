using System.Collections.Concurrent;

namespace HireBot.Storage;

/// <summary>
/// Values remembered per key for a fixed time on a <see cref="TimeProvider"/>: the small caches
/// that keep identity and conversation lookups off every request. Expired entries are dropped
/// once the map grows past <paramref name="pruneAbove"/> keys.
/// </summary>
public sealed class Remembered<TValue>(TimeProvider clock, TimeSpan keepFor, int pruneAbove = 10_000)
{
    private readonly ConcurrentDictionary<string, (TValue Value, DateTimeOffset At)> _entries = new(StringComparer.Ordinal);

    public bool TryGet(string key, out TValue value)
    {
        if (_entries.TryGetValue(key, out var entry) && clock.GetUtcNow() - entry.At < keepFor)
        {
            value = entry.Value;
            return true;
        }
        value = default!;
        return false;
    }

    public void Set(string key, TValue value)
    {
        var now = clock.GetUtcNow();
        if (_entries.Count > pruneAbove)
            foreach (var (stale, _) in _entries.Where(e => now - e.Value.At >= keepFor))
                _entries.TryRemove(stale, out _);
        _entries[key] = (value, now);
    }

    public void Forget(string key) => _entries.TryRemove(key, out _);

    /// <summary>Keys held, expired or not (for tests and diagnostics).</summary>
    public int Count => _entries.Count;
}
