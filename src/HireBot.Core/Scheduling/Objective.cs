namespace HireBot.Core.Scheduling;

/// <summary>
/// The scheduler's objective, lexicographic so no weight tuning can surprise a recruiter:
/// 1. day keys: SingleDay = (days used, day span); ConsecutiveDays = (day span, days used);
/// 2. the first interview day, earliest first: a later day wins only with fewer or less spread days;
/// 3. load: sum of each panelist's load-before-seat / weekly cap (favours less loaded people on a day,
///    without pushing the loop to a later week where nobody has interviews yet);
/// 4. candidate idle slots between same-day rounds beyond the buffer;
/// 5. round start slots, earliest first (this makes the order total, so results are deterministic).
/// </summary>
internal static class Objective
{
    public static (int Key1, int Key2) DayKeys(ReadOnlySpan<int> days, DayPreference preference)
    {
        int used = 1;
        for (int i = 1; i < days.Length; i++) if (days[i] != days[i - 1]) used++;
        int span = days[^1] - days[0] + 1;
        return preference == DayPreference.SingleDay ? (used, span) : (span, used);
    }

    public static int Compare(Solution a, Solution b)
    {
        int c = a.Key1.CompareTo(b.Key1);
        if (c == 0) c = a.Key2.CompareTo(b.Key2);
        if (c == 0) c = a.FirstDay.CompareTo(b.FirstDay);
        if (c == 0) c = a.Load.CompareTo(b.Load);
        if (c == 0) c = a.GapSlots.CompareTo(b.GapSlots);
        if (c == 0) c = a.Starts.AsSpan().SequenceCompareTo(b.Starts);
        return c;
    }

    /// <summary>
    /// True when every completion of a partial schedule whose objective is bounded below by
    /// these values (with the first starts fixed) ranks strictly after <paramref name="worst"/>.
    /// </summary>
    public static bool BoundIsWorse(int key1, int key2, int firstDay, long load, int gaps, ReadOnlySpan<int> prefix, Solution worst)
    {
        int c = key1.CompareTo(worst.Key1);
        if (c == 0) c = key2.CompareTo(worst.Key2);
        if (c == 0) c = firstDay.CompareTo(worst.FirstDay);
        if (c == 0) c = load.CompareTo(worst.Load);
        if (c == 0) c = gaps.CompareTo(worst.GapSlots);
        if (c == 0) c = prefix.SequenceCompareTo(worst.Starts.AsSpan(0, prefix.Length));
        return c > 0;
    }
}
