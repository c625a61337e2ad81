namespace HireBot.Core.Scorecards;

/// <summary>An amendment replaces the stored version (its first submission time is kept).</summary>
public sealed record ScorecardReplaced(Scorecard Version) : ScorecardEffect;
