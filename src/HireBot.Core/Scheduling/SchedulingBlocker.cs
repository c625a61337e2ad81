namespace HireBot.Core.Scheduling;

/// <summary>Why no schedule exists: the round (null for the whole request) and the constraint.</summary>
public sealed record SchedulingBlocker(string? RoundId, BlockingConstraint Constraint, string Message);
