using HireBot.Core.Rubrics;

namespace HireBot.Core.Decisions;

/// <summary>
/// Per-competency estimates, then rubric-weighted dimension and overall scores. Dimension weights
/// are normalised over the dimensions that have at least one assessed competency; within a
/// dimension, competency weights are normalised over the assessed competencies only, and the
/// unassessed share is reported as a gap rather than silently scored as zero or as average.
/// </summary>
internal static class WeightedScorer
{
    public static (IReadOnlyList<CompetencyRow> Competencies, IReadOnlyList<DimensionRow> Dimensions, ScoreEstimate? Overall, double UnassessedWeight) Score(
        Rubric rubric, CollectedRatings collected, ISet<string> focusIds, DecisionPolicy policy)
    {
        double min = rubric.Scale.Min, max = rubric.Scale.Max;
        var prior = RaterNoiseModel.PanelPrior(collected.RatingsByCompetency.Values, policy);
        var dimensionTotal = rubric.Dimensions.Sum(d => d.Weight);
        var assessedDimensionTotal = rubric.Dimensions.Where(d => AssessedIn(d, collected).Any()).Sum(d => d.Weight);

        var competencyRows = new List<CompetencyRow>();
        var dimensionRows = new List<DimensionRow>();
        var overallParts = new List<(double, ScoreEstimate)>();
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

            var parts = new List<(double, ScoreEstimate)>();
            foreach (var competency in dimension.Competencies)
            {
                var ratings = collected.RatingsByCompetency.GetValueOrDefault(competency.Id) ?? [];
                ScoreEstimate? estimate = null;
                var withinDimension = 0.0;
                if (ratings.Count > 0)
                {
                    estimate = RaterNoiseModel.ForCompetency(ratings, prior, policy.ConfidenceLevel, min, max);
                    withinDimension = assessedTotal > 0 ? competency.Weight / assessedTotal : 1.0 / assessed.Count;
                    parts.Add((withinDimension, estimate));
                    overallParts.Add((normalisedDimensionWeight * withinDimension, estimate));
                }
                competencyRows.Add(new CompetencyRow(
                    competency.Id, competency.Name, dimension.Id, focusIds.Contains(competency.Id), ratings.Count, ratings,
                    ratings.Count > 0 ? ratings.Max() - ratings.Min() : null,
                    Agreement(ratings, min, max), estimate, normalisedDimensionWeight * withinDimension));
            }
            dimensionRows.Add(new DimensionRow(
                dimension.Id, dimension.Name, normalisedDimensionWeight, assessed.Count, dimension.Competencies.Count, dimensionGap,
                parts.Count > 0 ? RaterNoiseModel.Combine(parts, policy.ConfidenceLevel, min, max) : null));
        }
        var overall = overallParts.Count > 0 ? RaterNoiseModel.Combine(overallParts, policy.ConfidenceLevel, min, max) : null;
        return (competencyRows, dimensionRows, overall, unassessedWeight);
    }

    /// <summary>
    /// 1 − (mean absolute difference over all pairs of raters) ÷ (scale max − scale min): 1 when
    /// everyone gave the same rating, 0 when raters sit at opposite ends. Null with fewer than two
    /// raters, because one opinion cannot agree or disagree with anything.
    /// </summary>
    internal static double? Agreement(IReadOnlyList<double> ratings, double min, double max)
    {
        if (ratings.Count < 2 || max <= min) return null;
        double total = 0;
        var pairs = 0;
        for (var i = 0; i < ratings.Count; i++)
            for (var j = i + 1; j < ratings.Count; j++, pairs++)
                total += Math.Abs(ratings[i] - ratings[j]);
        return 1 - total / pairs / (max - min);
    }

    private static IEnumerable<Competency> AssessedIn(Dimension dimension, CollectedRatings collected) =>
        dimension.Competencies.Where(c => collected.RatingsByCompetency.ContainsKey(c.Id));
}
