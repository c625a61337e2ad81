namespace HireBot.Core.Decisions;

/// <summary>
/// One competency of the digest. <see cref="Raters"/> is distinct panelists; <see cref="Ratings"/>
/// are their ratings as given (before any calibration adjustment) and <see cref="Spread"/> the
/// highest minus the lowest. <see cref="Split"/> is true when the ratings disagree more than the
/// model expects for that many raters (<see cref="DecisionPolicy.DisagreementSignificance"/>).
/// <see cref="Weight"/> is the competency's share of the overall score, 0 when unassessed.
/// </summary>
public sealed record CompetencyRow(
    string CompetencyId,
    string Name,
    string DimensionId,
    bool IsFocus,
    int Raters,
    IReadOnlyList<double> Ratings,
    double? Spread,
    bool Split,
    ScoreEstimate? Estimate,
    double Weight);
