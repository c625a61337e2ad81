namespace HireBot.Calendar;

/// <summary>
/// Splits a free/busy request into getSchedule calls within Graph's limits: at most N mailboxes
/// per call and a bounded window per call (https://learn.microsoft.com/graph/api/calendar-getschedule).
/// </summary>
internal static class ScheduleBatches
{
    public static IReadOnlyList<(DateTimeOffset Start, DateTimeOffset End)> Windows(
        DateTimeOffset start, DateTimeOffset end, int maxDays)
    {
        var windows = new List<(DateTimeOffset, DateTimeOffset)>();
        var step = TimeSpan.FromDays(maxDays);
        for (var from = start; from < end; from += step)
        {
            var to = from + step < end ? from + step : end;
            windows.Add((from, to));
        }

        return windows;
    }

    /// <summary>
    /// Sorts and merges overlapping or touching intervals after clipping them to the window;
    /// an item spanning a chunk boundary comes back from both calls.
    /// </summary>
    public static IReadOnlyList<BusyInterval> Merge(
        IEnumerable<BusyInterval> intervals, DateTimeOffset windowStart, DateTimeOffset windowEnd)
    {
        var merged = new List<BusyInterval>();
        var clipped = intervals
            .Select(i => new BusyInterval(Max(i.StartUtc, windowStart), Min(i.EndUtc, windowEnd)))
            .Where(i => i.StartUtc < i.EndUtc)
            .OrderBy(i => i.StartUtc);
        foreach (var interval in clipped)
        {
            if (merged.Count > 0 && interval.StartUtc <= merged[^1].EndUtc)
            {
                var last = merged[^1];
                merged[^1] = last with { EndUtc = Max(last.EndUtc, interval.EndUtc) };
            }
            else
            {
                merged.Add(interval);
            }
        }

        return merged;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
