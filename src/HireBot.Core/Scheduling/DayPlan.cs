namespace HireBot.Core.Scheduling;

/// <summary>Which candidate day each round falls on, with its day keys and a load lower bound.</summary>
internal sealed record DayPlan(int[] Days, int Key1, int Key2, long LoadBound)
{
    /// <summary>
    /// Every non-decreasing day assignment in which each round has some feasible start on its
    /// day, best day keys, earliest first day and lowest load bound first, so the search meets
    /// good schedules early. Lazy, one first key at a time (days used, or span): a search that
    /// stops at the one-day plans never builds the many-day ones, whose number grows with the
    /// fifth power of the window.
    /// </summary>
    public static IEnumerable<DayPlan> Enumerate(SchedulingModel model, int roundCount)
    {
        if (roundCount == 0) yield break;
        bool byDaysUsed = model.Preference == DayPreference.SingleDay;
        int maxKey = byDaysUsed ? Math.Min(roundCount, model.DayCount) : model.DayCount;
        for (int key = 1; key <= maxKey; key++)
            foreach (var plan in Level(model, roundCount, key, byDaysUsed))
                yield return plan;
    }

    /// <summary>The plans whose first key is exactly <paramref name="key"/>, sorted.</summary>
    private static List<DayPlan> Level(SchedulingModel model, int roundCount, int key, bool byDaysUsed)
    {
        var plans = new List<DayPlan>();
        var days = new int[roundCount];
        void Place(int r, int fromDay, int used, long bound)
        {
            if (r == roundCount)
            {
                var (k1, k2) = Objective.DayKeys(days, model.Preference);
                if (k1 == key) plans.Add(new DayPlan((int[])days.Clone(), k1, k2, bound));
                return;
            }
            var minOnDay = model.Rounds[r].MinOnDay;
            for (int d = fromDay; d < model.DayCount; d++)
            {
                int u = r == 0 || d != days[r - 1] ? used + 1 : used;
                // Past the level's key every later day only adds days or span.
                if (byDaysUsed ? u > key : r > 0 && d - days[0] + 1 > key) break;
                if (minOnDay[d] >= RoundModel.Infeasible) continue;
                days[r] = d;
                Place(r + 1, d, u, bound + minOnDay[d]);
            }
        }
        Place(0, 0, 0, 0);
        plans.Sort((a, b) =>
        {
            int c = a.Key2.CompareTo(b.Key2);
            if (c == 0) c = a.Days[0].CompareTo(b.Days[0]);
            if (c == 0) c = a.LoadBound.CompareTo(b.LoadBound);
            if (c == 0) c = a.Days.AsSpan().SequenceCompareTo(b.Days);
            return c;
        });
        return plans;
    }
}
