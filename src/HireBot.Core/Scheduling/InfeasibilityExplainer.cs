using HireBot.Core.Text;
namespace HireBot.Core.Scheduling;

/// <summary>
/// Explains an empty result: the first round that cannot be placed even alone, with the first
/// constraint that empties it (qualification, candidate windows, working hours, calendars,
/// weekly caps); or, when each round fits alone, the first round that cannot follow the earlier ones.
/// </summary>
internal static class InfeasibilityExplainer
{
    public static List<SchedulingBlocker> Explain(SchedulingModel model, SearchBudget budget)
    {
        var blockers = model.Rounds.Select(r => Alone(model, r)).OfType<SchedulingBlocker>().ToList();
        if (blockers.Count > 0) return blockers;
        for (int n = 2; n <= model.Rounds.Length; n++)
        {
            if (LoopSearch.Run(model, n, 1, repeats: true, onePerDay: false, budget).Count > 0) continue;
            if (budget.Exhausted) return [StoppedEarly];
            var round = model.Rounds[n - 1].Requirement;
            var previous = model.Rounds[n - 2].Requirement;
            return [new SchedulingBlocker(round.Id, BlockingConstraint.Sequencing,
                $"Round '{round.Name}': no time after round '{previous.Name}' plus the " +
                $"{model.BufferSlots * model.Resolution.TotalMinutes:0}-minute buffer when the candidate and " +
                $"{Counted.Of(round.PanelSize, "qualified interviewer")} {(round.PanelSize == 1 ? "is" : "are")} free within their weekly caps.")];
        }
        return [new SchedulingBlocker(null, BlockingConstraint.Sequencing, "The rounds do not fit together in the search window.")];
    }

    /// <summary>The search ran out of its budget before it found a schedule or proved there is none.</summary>
    public static readonly SchedulingBlocker StoppedEarly = new(null, BlockingConstraint.Sequencing,
        "The search stopped at its time budget before finding a schedule; try a shorter window with `between … and …`.");

    private static SchedulingBlocker? Alone(SchedulingModel model, RoundModel round)
    {
        var req = round.Requirement;
        int k = req.PanelSize;
        SchedulingBlocker Block(BlockingConstraint c, string why) => new(req.Id, c, $"Round '{req.Name}': {why}.");
        if (round.Eligible.Length < k)
            return Block(BlockingConstraint.Qualification, $"only {Counted.Of(round.Eligible.Length, "qualified interviewer")}, {k} needed");
        var starts = Enumerable.Range(0, model.SlotCount).Where(s => model.CandidateRun[s] >= round.Slots).ToList();
        if (starts.Count == 0)
            return Block(BlockingConstraint.CandidateAvailability,
                $"the candidate has no free {req.Duration.TotalMinutes:0}-minute window in the search window");
        int Best(Func<PersonModel, int, bool> ok) =>
            starts.Max(s => round.Eligible.Count(p => ok(model.People[p], s)));
        int working = Best((p, s) => p.WorkRun[s] >= round.Slots);
        if (working < k)
            return Block(BlockingConstraint.WorkingHours,
                $"only {working} of {k} qualified interviewers are within working hours in the candidate's windows");
        int free = Best((p, s) => p.FreeRun[s] >= round.Slots);
        if (free < k)
            return Block(BlockingConstraint.Calendar, $"only {free} of {k} qualified interviewers free in the candidate's windows");
        int underCap = Best((p, s) => p.FreeRun[s] >= round.Slots && p.HasRoom(p.WeekOfSlot[s], 0));
        if (underCap < k)
            return Block(BlockingConstraint.WeeklyCap,
                $"only {underCap} of {k} free qualified interviewers are under their weekly cap");
        return null;
    }
}
