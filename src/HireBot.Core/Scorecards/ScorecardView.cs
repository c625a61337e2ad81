namespace HireBot.Core.Scorecards;

/// <summary>What a scorecard button shows: the stored version (read-only), or a form to fill in.</summary>
public sealed record ScorecardView(Scorecard? Submitted, ScorecardForm? Form)
{
    public static ScorecardView Of(Scorecard submitted) => new(submitted, null);
    public static ScorecardView Fill(ScorecardForm form) => new(null, form);
}
