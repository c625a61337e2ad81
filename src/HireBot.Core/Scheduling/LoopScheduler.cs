namespace HireBot.Core.Scheduling;

/// <summary>
/// Schedules an interview loop: pure and deterministic (same request, same result), no clock.
/// Hard constraints: each round inside the candidate's windows and every panelist's working
/// hours and free time; rounds in template order, never overlapping, separated by the buffer;
/// weekly caps including current load. Rule for repeats: a panelist sits at most one round of a
/// loop; only when no schedule exists that way may a panelist sit several (still within caps),
/// and those options say so. Options are ranked by <see cref="Objective"/> and differ in times.
/// </summary>
public static class LoopScheduler
{
    public static SchedulingResult Schedule(SchedulingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var zones = new Dictionary<string, TimeZoneInfo>(StringComparer.Ordinal);
        var invalid = RequestValidator.Validate(request, zones);
        if (invalid.Count > 0) return new SchedulingResult([], invalid);

        var model = ModelBuilder.Build(request, zones);
        int rounds = model.Rounds.Length;
        var solutions = LoopSearch.Run(model, rounds, request.MaxOptions, repeats: false);
        if (solutions.Count == 0) solutions = LoopSearch.Run(model, rounds, request.MaxOptions, repeats: true);
        return solutions.Count == 0
            ? new SchedulingResult([], InfeasibilityExplainer.Explain(model))
            : new SchedulingResult(OptionBuilder.Build(model, solutions), []);
    }
}
