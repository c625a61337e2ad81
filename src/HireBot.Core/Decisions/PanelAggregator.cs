using HireBot.Core.Rubrics;
using HireBot.Core.Scorecards;

namespace HireBot.Core.Decisions;

/// <summary>
/// Aggregates a loop's scorecards into the decision digest: rubric-weighted scores with
/// uncertainty intervals from the rater model (<see cref="RaterEffectsModel"/>), adjusted for the
/// panelists' leniency when their history is known, chance-corrected agreement
/// (<see cref="KrippendorffAlpha"/>), risk flags, "probe next" suggestions and the decision rule
/// (<see cref="DecisionRule"/>). Pure: the same inputs always give the same assessment, so a digest
/// can be recomputed at any time.
/// </summary>
public static class PanelAggregator
{
    /// <param name="rubric">The role's rubric; its weights are relative and normalised here.</param>
    /// <param name="expected">Who was expected to score which interview, with its focus competencies.</param>
    /// <param name="scorecards">Submitted scorecards; for amended ones pass any versions, the latest counts.</param>
    /// <param name="policy">Thresholds and priors; <see cref="DecisionPolicy.Default"/> suits the built-in scale.</param>
    /// <param name="history">The organisation's variance priors and interviewers' leniency; none by default.</param>
    /// <exception cref="ArgumentException">The policy is unusable (the message says why).</exception>
    public static PanelAssessment Assess(
        Rubric rubric,
        IReadOnlyList<ExpectedAssessment> expected,
        IReadOnlyList<Scorecard> scorecards,
        DecisionPolicy policy,
        PanelHistory? history = null)
    {
        ArgumentNullException.ThrowIfNull(rubric);
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(scorecards);
        ArgumentNullException.ThrowIfNull(policy);
        if (policy.Validate() is { } problem) throw new ArgumentException(problem, nameof(policy));
        history ??= PanelHistory.None;
        var prior = history.Prior ?? VariancePrior.FromPolicy(policy);

        var collected = RatingCollector.Collect(rubric, scorecards, policy);
        var raters = collected.Raw.Values.SelectMany(v => v).Select(r => r.Panelist).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var calibration = history.Calibrations
            .Where(kv => raters.Contains(kv.Key))
            .ToDictionary(kv => kv.Key.ToLowerInvariant(), kv => kv.Value);
        var adjusted = collected with
        {
            RatingsByCompetency = collected.Raw.ToDictionary(
                kv => kv.Key,
                kv => (IReadOnlyList<PanelistRating>)kv.Value.Select(r => r with { Rating = r.Rating - (calibration.GetValueOrDefault(r.Panelist)?.Leniency ?? 0) }).ToList(),
                StringComparer.OrdinalIgnoreCase),
        };
        var focusIds = expected
            .SelectMany(e => e.FocusCompetencyIds)
            .Select(id => rubric.FindCompetency(id)?.Id ?? id)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var fit = collected.Raw.Count > 0 ? RaterEffectsModel.Fit(adjusted.RatingsByCompetency, prior, calibration) : null;
        var scored = WeightedScorer.Score(rubric, adjusted, focusIds, fit, policy);
        ScoreEstimate? unadjusted = null;
        if (scored.Overall is not null && calibration.Count > 0)
        {
            var plainFit = RaterEffectsModel.Fit(collected.Raw, prior, new Dictionary<string, RaterCalibration>());
            unadjusted = RaterEffectsModel.Estimate(scored.OverallWeights, collected.Raw, plainFit, policy.ConfidenceLevel, rubric.Scale.Min, rubric.Scale.Max);
        }

        var submitted = collected.Scorecards
            .Select(s => (s.InterviewId, s.PanelistEmail.ToLowerInvariant()))
            .ToHashSet();
        var missing = expected
            .Where(e => !submitted.Contains((e.InterviewId, e.PanelistEmail.ToLowerInvariant())))
            .Select(e => new MissingScorecard(e.InterviewId, e.PanelistEmail))
            .Distinct()
            .ToList();
        var panelists = collected.Scorecards.Select(s => s.PanelistEmail).Distinct(StringComparer.OrdinalIgnoreCase).Count();

        var rows = scored.Competencies;
        var flags = RiskFlagger.Flags(rubric, collected, rows, missing, policy);
        var agreement = KrippendorffAlpha.Ordinal(collected.Raw.Values.Select(v => (IReadOnlyList<double>)v.Select(r => r.Rating).ToList()), policy.MinAgreementRatings);
        return new PanelAssessment(
            scored.Overall,
            scored.Dimensions,
            rows,
            agreement,
            scored.UnassessedWeight,
            rows.Where(r => r.IsFocus && r.Raters == 0).Select(r => r.CompetencyId).ToList(),
            flags,
            ProbeNextRanker.Rank(rows, policy),
            missing,
            panelists,
            DecisionRule.Decide(scored.Overall, rows, scored.Dimensions, panelists, flags, policy))
        {
            UnadjustedOverall = unadjusted,
            Adjustments = calibration.Values.Where(c => c.Leniency != 0).OrderBy(c => c.Panelist, StringComparer.Ordinal).ToList(),
            PriorSource = prior.Source,
            PriorScorecards = prior.Scorecards,
        };
    }
}
