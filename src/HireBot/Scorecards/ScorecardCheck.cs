using HireBot.Core.Scorecards;

namespace HireBot.Scorecards;

/// <summary>The outcome of checking a form: a scorecard ready to store, or the card-level and per-competency errors.</summary>
public sealed record ScorecardCheck(Scorecard? Scorecard, string? Error, IReadOnlyDictionary<string, string> CompetencyErrors)
{
    public bool IsValid => Scorecard is not null;
}
