using HireBot.Core.Rubrics;

namespace HireBot.Core.Decisions;

/// <summary>
/// Per-competency estimates, then rubric-weighted dimension and overall scores, all from one fit of
/// the rater model (<see cref="RaterEffectsModel"/>). Dimension weights are normalised over the
/// dimensions that have at least one assessed competency; within a dimension, competency weights
/// are normalised over the assessed competencies only, and the unassessed share is reported as a
/// gap rather than silently scored as zero or as average.
/// </summary>
internal static class WeightedScorer
{
    internal sealed record Scored(
        IReadOnlyList<CompetencyRow> Competencies,
        IReadOnlyList<DimensionRow> Dimensions,
        ScoreEstimate? Overall,
        double UnassessedWeight,
        IReadOnlyDictionary<string, double> OverallWeights,
        PanelFit? Fit);

    public static Scored Score(Rubric rubric, CollectedRatings collected, ISet<string> focusIds, PanelFit? fit, DecisionPolicy policy)
    {
        double min = rubric.Scale.Min, max = rubric.Scale.Max;
        var ratings = collected.RatingsByCompetency;
        var dimensionTotal = rubric.Dimensions.Sum(d => d.Weight);
        var assessedDimensionTotal = rubric.Dimensions.Where(d => AssessedIn(d, collected).Any()).Sum(d => d.Weight);
        var splits = fit is null ? new HashSet<string>() : Splits(ratings, fit, policy);

        var competencyRows = new List<CompetencyRow>();
        var dimensionRows = new List<DimensionRow>();
        var overallWeights = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        var unassessedWeight = 0.0;
        foreach (var dimension in rubric.Dimensions)
        {
            var dimensionShare = dimensionTotal > 0 ? dimension.Weight / dimensionTotal : 0;
            var assessed = AssessedIn(dimension, collected).ToList();
            var competencyTotal = dimension.Competencies.Sum(c => c.Weight);
            var assessedTotal = assessed.Sum(c => c.Weight);
            var dimensionGap = competencyTotal > 0 ? 1 - assessedTotal / competencyTotal : 1;
            unassessedWeight += dimensionShare * dimensionGap;
            var normalisedDimensionWeight = assessed.Count > 0 && assessedDimensionTotal > 0 ? dimension.Weight / assessedDimensionTotal : 0;

            var within = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
            foreach (var competency in dimension.Competencies)
            {
                var raw = collected.Raw.GetValueOrDefault(competency.Id) ?? [];
                ScoreEstimate? estimate = null;
                var share = 0.0;
                if (raw.Count > 0 && fit is not null)
                {
                    estimate = RaterEffectsModel.Estimate(new Dictionary<string, double> { [competency.Id] = 1 }, ratings, fit, policy.ConfidenceLevel, min, max);
                    share = assessedTotal > 0 ? competency.Weight / assessedTotal : 1.0 / assessed.Count;
                    within[competency.Id] = share;
                    overallWeights[competency.Id] = normalisedDimensionWeight * share;
                }
                var values = raw.Select(r => r.Rating).ToList();
                competencyRows.Add(new CompetencyRow(
                    competency.Id, competency.Name, dimension.Id, focusIds.Contains(competency.Id), raw.Count, values,
                    raw.Count > 0 ? values.Max() - values.Min() : null,
                    splits.Contains(competency.Id), estimate, normalisedDimensionWeight * share));
            }
            var raters = assessed.SelectMany(c => collected.Raw[c.Id]).Select(r => r.Panelist).Distinct().Count();
            dimensionRows.Add(new DimensionRow(
                dimension.Id, dimension.Name, normalisedDimensionWeight, assessed.Count, dimension.Competencies.Count, dimensionGap,
                within.Count > 0 ? RaterEffectsModel.Estimate(within, ratings, fit!, policy.ConfidenceLevel, min, max) : null,
                raters));
        }
        var overall = overallWeights.Count > 0 ? RaterEffectsModel.Estimate(overallWeights, ratings, fit!, policy.ConfidenceLevel, min, max) : null;
        return new Scored(competencyRows, dimensionRows, overall, unassessedWeight, overallWeights, fit);
    }

    /// <summary>
    /// Competencies whose ratings disagree more than the model expects: the sum of squares around
    /// their mean, over the variance one rating has under the model before this panel (the raters' prior τₚ² plus σ₀²,
    /// so a split cannot excuse itself by inflating the panel's own estimates), is
    /// χ² with n − 1 degrees of freedom; a split is a tail probability below the policy's
    /// significance divided by the number of competencies tested (Bonferroni).
    /// </summary>
    private static HashSet<string> Splits(IReadOnlyDictionary<string, IReadOnlyList<PanelistRating>> ratings, PanelFit fit, DecisionPolicy policy)
    {
        var tested = ratings.Where(kv => kv.Value.Count >= 2).ToList();
        var splits = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (id, rs) in tested)
        {
            var mean = rs.Average(r => r.Rating);
            var ss = rs.Sum(r => (r.Rating - mean) * (r.Rating - mean));
            var perRating = rs.Average(r => fit.ExpectedRatingVariance.GetValueOrDefault(r.Panelist));
            if (ChiSquare.UpperTail(ss / perRating, rs.Count - 1) < policy.DisagreementSignificance / tested.Count) splits.Add(id);
        }
        return splits;
    }

    private static IEnumerable<Competency> AssessedIn(Dimension dimension, CollectedRatings collected) =>
        dimension.Competencies.Where(c => collected.Raw.TryGetValue(c.Id, out var r) && r.Count > 0);
}
