namespace HireBot.Core.Scheduling;

/// <summary>Which candidate day each round falls on, with its day keys and a load lower bound.</summary>
internal sealed record DayPlan(int[] Days, int Key1, int Key2, long LoadBound)
{
    /// <summary>
    /// Every non-decreasing day assignment in which each round has some feasible start on its
    /// day, best day keys, earliest first day and lowest load bound first, so the search meets good schedules early.
    /// </summary>
    public static List<DayPlan> Enumerate(SchedulingModel model, int roundCount)
    {
        var plans = new List<DayPlan>();
        var days = new int[roundCount];
        void Place(int r, int fromDay, long bound)
        {
            if (r == roundCount)
            {
                var (k1, k2) = Objective.DayKeys(days, model.Preference);
                plans.Add(new DayPlan((int[])days.Clone(), k1, k2, bound));
                return;
            }
            var minOnDay = model.Rounds[r].MinOnDay;
            for (int d = fromDay; d < model.DayCount; d++)
            {
                if (minOnDay[d] >= RoundModel.Infeasible) continue;
                days[r] = d;
                Place(r + 1, d, bound + minOnDay[d]);
            }
        }
        if (roundCount > 0) Place(0, 0, 0);
        plans.Sort((a, b) =>
        {
            int c = a.Key1.CompareTo(b.Key1);
            if (c == 0) c = a.Key2.CompareTo(b.Key2);
            if (c == 0) c = a.Days[0].CompareTo(b.Days[0]);
            if (c == 0) c = a.LoadBound.CompareTo(b.LoadBound);
            if (c == 0) c = a.Days.AsSpan().SequenceCompareTo(b.Days);
            return c;
        });
        return plans;
    }
}
