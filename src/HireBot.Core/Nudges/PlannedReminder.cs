namespace HireBot.Core.Nudges;

/// <summary>One reminder of a plan: "reminder <see cref="Number"/> of <see cref="Of"/>", sent at <see cref="At"/> (UTC).</summary>
public sealed record PlannedReminder(int Number, int Of, DateTimeOffset At);
