namespace HireBot.Core.Scorecards;

/// <summary>The panelist's pending scorecard reminders for this interview are cancelled.</summary>
public sealed record RemindersCancelled(Guid InterviewId, string PanelistEmail, DateTimeOffset At) : ScorecardEffect;
