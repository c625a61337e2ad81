namespace HireBot.Core.Decisions;

/// <summary>
/// One competency of the digest. Rater count is distinct panelists. <see cref="Spread"/> is the
/// highest minus the lowest rating; <see cref="Agreement"/> is 1 − mean absolute pairwise
/// difference ÷ scale range, and null (not 1.0) with fewer than two raters. <see cref="Weight"/>
/// is the competency's share of the overall score, 0 when unassessed.
/// </summary>
public sealed record CompetencyRow(
    string CompetencyId,
    string Name,
    string DimensionId,
    bool IsFocus,
    int Raters,
    IReadOnlyList<double> Ratings,
    double? Spread,
    double? Agreement,
    ScoreEstimate? Estimate,
    double Weight);
