namespace HireBot.Core.Scorecards;

/// <summary>The panelist's first version is stored (a row in <c>scorecards</c>).</summary>
public sealed record ScorecardStored(Scorecard Version) : ScorecardEffect;
