namespace HireBot.Core.Decisions;

/// <summary>An expected scorecard that has not been submitted.</summary>
public sealed record MissingScorecard(Guid InterviewId, string PanelistEmail);
