namespace HireBot.Core.Decisions;

/// <summary>
/// Everything the decision digest card shows for one candidate's loop. <see cref="Overall"/> is
/// null when nothing was rated; it is adjusted for the panelists' calibrated leniency, and
/// <see cref="UnadjustedOverall"/> is the same score from the ratings as given.
/// <see cref="UnassessedWeight"/> is the share of the rubric's overall weight that no rating
/// covers. <see cref="Adjustments"/> lists the panelists whose ratings history adjusted.
/// <see cref="IsComplete"/> is false while expected scorecards are missing (<see cref="Missing"/>).
/// </summary>
public sealed record PanelAssessment(
    ScoreEstimate? Overall,
    IReadOnlyList<DimensionRow> Dimensions,
    IReadOnlyList<CompetencyRow> Competencies,
    AgreementEstimate Agreement,
    double UnassessedWeight,
    IReadOnlyList<string> UnassessedFocusCompetencyIds,
    IReadOnlyList<RiskFlag> Flags,
    IReadOnlyList<ProbeSuggestion> ProbeNext,
    IReadOnlyList<MissingScorecard> Missing,
    int Panelists,
    Decision Decision)
{
    public bool IsComplete => Missing.Count == 0;

    public ScoreEstimate? UnadjustedOverall { get; init; }

    public IReadOnlyList<RaterCalibration> Adjustments { get; init; } = [];

    /// <summary>Where the variance priors came from: "defaults" or "history" (the organisation's past loops).</summary>
    public string PriorSource { get; init; } = "defaults";

    /// <summary>How many past scorecards the variance priors rest on (0 for the defaults).</summary>
    public int PriorScorecards { get; init; }
}
