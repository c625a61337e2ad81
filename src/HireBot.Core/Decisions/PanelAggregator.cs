using HireBot.Core.Rubrics;
using HireBot.Core.Scorecards;

namespace HireBot.Core.Decisions;

/// <summary>
/// Aggregates a loop's scorecards into the decision digest: rubric-weighted scores with
/// uncertainty intervals (<see cref="RaterNoiseModel"/>), inter-rater agreement, risk flags,
/// "probe next" suggestions and the decision rule (<see cref="DecisionRule"/>). Pure: the same
/// inputs always give the same assessment, so a digest can be recomputed at any time.
/// </summary>
public static class PanelAggregator
{
    /// <param name="rubric">The role's rubric; its weights are relative and normalised here.</param>
    /// <param name="expected">Who was expected to score which interview, with its focus competencies.</param>
    /// <param name="scorecards">Submitted scorecards; for amended ones pass any versions, the latest counts.</param>
    /// <param name="policy">Thresholds and prior; <see cref="DecisionPolicy.Default"/> suits the built-in scale.</param>
    /// <exception cref="ArgumentException">The policy is unusable (the message says why).</exception>
    public static PanelAssessment Assess(
        Rubric rubric,
        IReadOnlyList<ExpectedAssessment> expected,
        IReadOnlyList<Scorecard> scorecards,
        DecisionPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(rubric);
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(scorecards);
        ArgumentNullException.ThrowIfNull(policy);
        if (policy.Validate() is { } problem) throw new ArgumentException(problem, nameof(policy));

        var collected = RatingCollector.Collect(rubric, scorecards, policy);
        var focusIds = expected
            .SelectMany(e => e.FocusCompetencyIds)
            .Select(id => rubric.FindCompetency(id)?.Id ?? id)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var (rows, dimensions, overall, unassessedWeight) = WeightedScorer.Score(rubric, collected, focusIds, policy);

        var submitted = collected.Scorecards
            .Select(s => (s.InterviewId, s.PanelistEmail.ToLowerInvariant()))
            .ToHashSet();
        var missing = expected
            .Where(e => !submitted.Contains((e.InterviewId, e.PanelistEmail.ToLowerInvariant())))
            .Select(e => new MissingScorecard(e.InterviewId, e.PanelistEmail))
            .Distinct()
            .ToList();
        var panelists = collected.Scorecards.Select(s => s.PanelistEmail).Distinct(StringComparer.OrdinalIgnoreCase).Count();

        var flags = RiskFlagger.Flags(rubric, collected, rows, missing, policy);
        var agreements = rows.Where(r => r.Agreement is not null).Select(r => r.Agreement!.Value).ToList();
        return new PanelAssessment(
            overall,
            dimensions,
            rows,
            agreements.Count > 0 ? agreements.Average() : null,
            unassessedWeight,
            rows.Where(r => r.IsFocus && r.Raters == 0).Select(r => r.CompetencyId).ToList(),
            flags,
            ProbeNextRanker.Rank(rows, policy),
            missing,
            panelists,
            DecisionRule.Decide(overall, rows, panelists, flags, policy));
    }
}
