namespace HireBot.Core.Decisions;

/// <summary>
/// One dimension of the digest. <see cref="Weight"/> is its share of the overall score, normalised
/// over the dimensions with at least one assessed competency. <see cref="UnassessedWeight"/> is the
/// share of the dimension's competency weight nobody assessed (the gap the score hides).
/// <see cref="Raters"/> is how many distinct panelists rated any of its competencies.
/// </summary>
public sealed record DimensionRow(
    string DimensionId,
    string Name,
    double Weight,
    int AssessedCompetencies,
    int Competencies,
    double UnassessedWeight,
    ScoreEstimate? Estimate,
    int Raters);
