namespace HireBot.Core.Scheduling;

/// <summary>One complete schedule, ranked 1 (best) upward, with a readable reason for its rank.</summary>
public sealed record ScheduleOption(
    int Rank,
    IReadOnlyList<ScheduledRound> Rounds,
    ScheduleScore Score,
    string Reason);
