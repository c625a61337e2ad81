namespace HireBot.Core.Scheduling;

/// <summary>Ranked options, or the blockers explaining why there are none.</summary>
public sealed record SchedulingResult(
    IReadOnlyList<ScheduleOption> Options,
    IReadOnlyList<SchedulingBlocker> Blockers)
{
    public bool IsFeasible => Options.Count > 0;

    /// <summary>True when the search ran out of its budget: the options are the best found, not proven best.</summary>
    public bool StoppedEarly { get; init; }

    /// <summary>Search nodes visited (what <see cref="SchedulingRequest.WorkLimit"/> bounds).</summary>
    public long Work { get; init; }
}
