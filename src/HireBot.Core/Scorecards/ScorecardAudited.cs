namespace HireBot.Core.Scorecards;

/// <summary>One row of the audit trail: who changed the scorecard when, from what (none for a first version) to what.</summary>
public sealed record ScorecardAudited(Scorecard? Before, Scorecard After, string ChangedBy, DateTimeOffset At) : ScorecardEffect;
