namespace HireBot.Core.Scheduling;

/// <summary>Ranked options, or the blockers explaining why there are none.</summary>
public sealed record SchedulingResult(
    IReadOnlyList<ScheduleOption> Options,
    IReadOnlyList<SchedulingBlocker> Blockers)
{
    public bool IsFeasible => Options.Count > 0;
}
