using HireBot.Core.Nudges;

namespace HireBot.Nudges;

/// <summary>A panelist's nudge plan with what a reminder or an escalation needs to say, read at sweep time.</summary>
public sealed record NudgeContext(
    Guid InterviewId,
    string Email,
    IReadOnlyList<PlannedReminder> Reminders,
    DateTimeOffset RecruiterAt,
    DateTimeOffset ManagerAt,
    DateTimeOffset Deadline,
    DateTimeOffset? SnoozedAt,
    string Candidate,
    string Round,
    string Panelist,
    TimeZoneInfo Zone,
    Core.People.WorkingHours WorkingHours,
    IReadOnlyList<string> Recruiters,
    IReadOnlyList<string> Managers,
    bool ScorecardIn,
    bool Cancelled,
    string? LastReminderKey,
    Guid LoopId)
{
    /// <summary>True when nothing should be sent any more: the scorecard is in or the interview was cancelled.</summary>
    public bool Done => ScorecardIn || Cancelled;
}
