namespace HireBot.Core.Scheduling;

/// <summary>Precomputes, per round and start slot, who could sit the panel and the cheapest panel.</summary>
internal static class RoundCompiler
{
    /// <summary>
    /// Qualified: the round id is in the person's list, or the person holds every focus
    /// competency of the round (a round without focus competencies needs the explicit id).
    /// </summary>
    public static bool IsQualified(Interviewer person, RoundRequirement round) =>
        person.QualifiedRoundIds.Contains(round.Id, StringComparer.OrdinalIgnoreCase)
        || (round.FocusCompetencies.Count > 0
            && round.FocusCompetencies.All(c => person.Competencies.Contains(c, StringComparer.OrdinalIgnoreCase)));

    public static RoundModel Compile(RoundRequirement round, IReadOnlyList<Interviewer> people, SchedulingModel grid)
    {
        var qualified = Enumerable.Range(0, people.Count).Where(i => IsQualified(people[i], round)).ToArray();
        var eligible = qualified.Where(i => !people[i].IsTrainee).ToArray();
        var trainees = qualified.Where(i => people[i].IsTrainee).ToArray();
        int n = grid.SlotCount;
        int slots = ModelBuilder.SlotsFor(round.Duration, grid.Resolution);
        int k = round.PanelSize;
        var cheapest = new long[n];
        var costs = new long[eligible.Length];
        for (int s = 0; s < n; s++)
        {
            cheapest[s] = RoundModel.Infeasible;
            if (grid.CandidateRun[s] < slots) continue;
            int count = 0;
            foreach (int p in eligible)
            {
                var person = grid.People[p];
                int week = person.WeekOfSlot[s];
                if (person.FreeRun[s] >= slots && person.HasRoom(week, 0)) costs[count++] = person.Cost(week, 0);
            }
            if (count < k) continue;
            Array.Sort(costs, 0, count);
            long sum = 0;
            for (int j = 0; j < k; j++) sum += costs[j];
            cheapest[s] = sum;
        }

        var suffixMin = new long[n];
        var next = new int[n];
        for (int s = n - 1; s >= 0; s--)
        {
            bool sameDayAsNext = s + 1 < n && grid.DayOfSlot[s + 1] == grid.DayOfSlot[s];
            suffixMin[s] = Math.Min(cheapest[s], sameDayAsNext ? suffixMin[s + 1] : RoundModel.Infeasible);
            next[s] = cheapest[s] < RoundModel.Infeasible ? s : (s + 1 < n ? next[s + 1] : -1);
        }
        var minOnDay = grid.DayFirstSlot.Select(f => f < n ? suffixMin[f] : RoundModel.Infeasible).ToArray();
        return new RoundModel
        {
            Requirement = round,
            Slots = slots,
            Eligible = eligible,
            Trainees = trainees,
            Cheapest = cheapest,
            SuffixMin = suffixMin,
            NextFeasible = next,
            MinOnDay = minOnDay,
        };
    }
}
