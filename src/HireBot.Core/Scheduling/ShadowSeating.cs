namespace HireBot.Core.Scheduling;

/// <summary>
/// Fills shadow seats after the panels are fixed. Shadows are trainees, who never take panel
/// seats, so seating them cannot change which schedule is best; they are best effort: least
/// loaded qualified trainee first, free and under their cap, each at most once per loop.
/// </summary>
internal static class ShadowSeating
{
    public static List<string>[] Seat(SchedulingModel model, Solution solution)
    {
        var used = new HashSet<int>();
        var result = new List<string>[solution.Starts.Length];
        for (int r = 0; r < result.Length; r++)
        {
            var round = model.Rounds[r];
            int s = solution.Starts[r];
            var picks = round.Trainees
                .Where(p => !used.Contains(p))
                .Select(p => (p, person: model.People[p], week: model.People[p].WeekOfSlot[s]))
                .Where(t => t.person.FreeRun[s] >= round.Slots && t.person.HasRoom(t.week, 0))
                .OrderBy(t => t.person.Cost(t.week, 0)).ThenBy(t => t.p)
                .Take(round.Requirement.ShadowSeats)
                .ToList();
            foreach (var t in picks) used.Add(t.p);
            result[r] = picks.Select(t => t.person.Email).ToList();
        }
        return result;
    }
}
