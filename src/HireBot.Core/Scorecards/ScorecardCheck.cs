namespace HireBot.Core.Scorecards;

/// <summary>
/// The outcome of checking a form: a scorecard ready to store, or the card-level summary and the
/// errors keyed by the input they are about (<c>rating.{competency}</c>, <c>evidence.{competency}</c>,
/// <c>recommendation</c>, <c>redFlags</c>), so each platform can show an error on its own field.
/// </summary>
public sealed record ScorecardCheck(Scorecard? Scorecard, string? Error, IReadOnlyDictionary<string, string> FieldErrors)
{
    public bool IsValid => Scorecard is not null;
}
