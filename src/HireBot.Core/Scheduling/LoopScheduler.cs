namespace HireBot.Core.Scheduling;

/// <summary>
/// Schedules an interview loop: pure and deterministic (same request, same result), no clock.
/// Hard constraints: each round inside the candidate's windows and every panelist's working
/// hours and free time; rounds in template order, never overlapping, separated by the buffer;
/// weekly caps including current load. Rule for repeats: a panelist sits at most one round of a
/// loop; only when no schedule exists that way may a panelist sit several (still within caps),
/// and those options say so. Options are ranked by <see cref="Objective"/>, one per first day
/// where the window allows. An anytime search: it stops at <see cref="SchedulingRequest.WorkLimit"/>
/// or when <c>deadline</c> is cancelled, answering with the best found and
/// <see cref="SchedulingResult.StoppedEarly"/> set (only then can the answer depend on timing).
/// </summary>
public static class LoopScheduler
{
    public static SchedulingResult Schedule(SchedulingRequest request, CancellationToken deadline = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var zones = new Dictionary<string, TimeZoneInfo>(StringComparer.Ordinal);
        var invalid = RequestValidator.Validate(request, zones);
        if (invalid.Count > 0) return new SchedulingResult([], invalid);

        var model = ModelBuilder.Build(request, zones);
        var budget = new SearchBudget(request.WorkLimit, deadline);
        int rounds = model.Rounds.Length;
        // Distinct panels need, for every set of rounds, as many qualified people as seats; without
        // that no calendar can help, and proving it slot by slot would walk the whole window.
        var solutions = DistinctPanelsPossible(model)
            ? LoopSearch.Best(model, rounds, request.MaxOptions, repeats: false, budget)
            : [];
        if (solutions.Count == 0 && !budget.Exhausted) solutions = LoopSearch.Best(model, rounds, request.MaxOptions, repeats: true, budget);
        var result = solutions.Count > 0
            ? new SchedulingResult(OptionBuilder.Build(model, solutions), [])
            : new SchedulingResult([], budget.Exhausted ? [InfeasibilityExplainer.StoppedEarly] : InfeasibilityExplainer.Explain(model, budget));
        return result with { StoppedEarly = budget.Exhausted, Work = budget.Work };
    }

    /// <summary>Hall's condition: each set of rounds has at least as many eligible people as panel seats.</summary>
    internal static bool DistinctPanelsPossible(SchedulingModel model)
    {
        var rounds = model.Rounds;
        if (rounds.Length > 16) return true;
        for (int set = 1; set < 1 << rounds.Length; set++)
        {
            var people = new HashSet<int>();
            int seats = 0;
            for (int r = 0; r < rounds.Length; r++)
            {
                if ((set & (1 << r)) == 0) continue;
                seats += rounds[r].PanelSize;
                people.UnionWith(rounds[r].Eligible);
            }
            if (people.Count < seats) return false;
        }
        return true;
    }
}
