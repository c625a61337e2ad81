namespace HireBot.Core.Scorecards;

/// <summary>The scorecard (first version or amendment) is queued for the ATS export.</summary>
public sealed record ScorecardExportQueued(Guid LoopId, Guid InterviewId, string PanelistEmail) : ScorecardEffect;
