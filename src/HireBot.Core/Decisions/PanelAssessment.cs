namespace HireBot.Core.Decisions;

/// <summary>
/// Everything the decision digest card shows for one candidate's loop. <see cref="Overall"/> is
/// null when nothing was rated. <see cref="UnassessedWeight"/> is the share of the rubric's overall
/// weight that no rating covers. <see cref="IsComplete"/> is false while expected scorecards are
/// missing (listed in <see cref="Missing"/>).
/// </summary>
public sealed record PanelAssessment(
    ScoreEstimate? Overall,
    IReadOnlyList<DimensionRow> Dimensions,
    IReadOnlyList<CompetencyRow> Competencies,
    double? Agreement,
    double UnassessedWeight,
    IReadOnlyList<string> UnassessedFocusCompetencyIds,
    IReadOnlyList<RiskFlag> Flags,
    IReadOnlyList<ProbeSuggestion> ProbeNext,
    IReadOnlyList<MissingScorecard> Missing,
    int Panelists,
    Decision Decision)
{
    public bool IsComplete => Missing.Count == 0;
}
