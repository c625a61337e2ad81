namespace HireBot.Core.Decisions;

/// <summary>
/// The organisation's own variance priors (<see cref="VariancePrior"/>) from its past loops, once
/// there is enough history (<see cref="DecisionPolicy.HistoryPriorMinScorecards"/>).
/// <list type="bullet">
/// <item>Each past loop is fitted with the digest's own model, rating = competency + panelist +
/// noise (<see cref="RaterEffectsModel"/>), on the competencies two or more of its panelists rated
/// (one rater's competency says nothing about either variance). A panelist of such a competency is
/// one qualifying scorecard.</item>
/// <item>Pooled over loops by the method of moments: σ̂² = ΣSSₑ / Σdfₑ and
/// τ̂² = (ΣR − σ̂²·Σdf_b) / Σ(N − C), with R the reduction in the sum of squares from adding
/// panelists. E[R] = df_b·σ² + (N − C)·τ² holds for any layout in which a panelist rates a
/// competency once, so the pooled estimates are unbiased under the model, whatever each loop's layout.</item>
/// <item>Both are kept at least <see cref="MinVariance"/>: the aggregator scales the rater prior, so
/// a zero would silence the panel's own rater estimate, and a residual prior of zero would claim
/// that integer ratings carry no noise.</item>
/// <item>Weights: each prior is worth the history's degrees of freedom, at most
/// <see cref="MaxResidualWeight"/> ratings and <see cref="MaxRaterWeight"/> of a panelist. History
/// describes the organisation's panels on average, not this one, so it never outweighs a panel:
/// a quarter of a panelist is an eighth of a three-person panel's own rater degrees of freedom,
/// eight ratings two-thirds of its residual ones (seven competencies). Simulated (1,000 panels,
/// priors from 40 past loops of the same kind), a rater prior worth one panelist made three-rater
/// panels with τ = 0.25 over-cover (overall 96%, nominal 90%) although its τ̂² was right; worth a
/// quarter they cover 92–93%. The residual weight barely matters (4, 8 or 12 ratings: within 0.5 points).</item>
/// <item>The persistent (leniency) share of τ̂² is the policy's (<see cref="DecisionPolicy.PriorLeniencyVariance"/>
/// over <see cref="DecisionPolicy.PriorRaterVariance"/>): history within loops cannot tell leniency from a loop's impression.</item>
/// </list>
/// Pure; the loop being assessed is excluded.
/// </summary>
public static class VariancePriorEstimator
{
    /// <summary>The residual prior is worth at most this many ratings, however long the history.</summary>
    public const double MaxResidualWeight = 8;

    /// <summary>The rater prior is worth at most this many panelists, however long the history.</summary>
    public const double MaxRaterWeight = 0.25;

    /// <summary>The smallest variance history gives (sd 0.1 points).</summary>
    public const double MinVariance = 0.01;

    /// <summary>Null below the policy's minimum of qualifying scorecards (or when history says nothing about σ²).</summary>
    public static VariancePrior? Estimate(IReadOnlyList<PastRating> history, DecisionPolicy policy, Guid? excludeLoopId = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(policy);
        double ssResidual = 0, residualDf = 0, reduction = 0, raterDf = 0, raterCoefficient = 0;
        var scorecards = 0;
        foreach (var loop in history.Where(r => r.LoopId != excludeLoopId).GroupBy(r => r.LoopId))
        {
            // One rating per panelist per competency (two interviews by one person averaged), on shared competencies only.
            var observations = loop
                .GroupBy(r => (Competency: r.CompetencyId.ToLowerInvariant(), Panelist: r.Panelist.ToLowerInvariant()))
                .Select(g => (g.Key.Competency, g.Key.Panelist, Rating: g.Average(r => r.Rating)))
                .GroupBy(o => o.Competency)
                .Where(g => g.Count() >= 2)
                .SelectMany(g => g)
                .ToList();
            if (observations.Count == 0) continue;
            int n = observations.Count, c = observations.Select(o => o.Competency).Distinct().Count(), p = observations.Select(o => o.Panelist).Distinct().Count();
            var groups = RaterEffectsModel.ConnectedGroups(observations.Select(o => (o.Competency, o.Panelist)));
            var competencyMean = observations.GroupBy(o => o.Competency).ToDictionary(g => g.Key, g => g.Average(o => o.Rating));
            var ssCompetency = observations.Sum(o => (o.Rating - competencyMean[o.Competency]) * (o.Rating - competencyMean[o.Competency]));
            var ssAdditive = RaterEffectsModel.AdditiveResidual(observations);
            scorecards += p;
            ssResidual += ssAdditive;
            residualDf += n - c - p + groups;
            reduction += Math.Max(0, ssCompetency - ssAdditive);
            raterDf += p - groups;
            raterCoefficient += n - c;
        }
        if (scorecards < policy.HistoryPriorMinScorecards || residualDf < 1 || raterDf < 1) return null;

        var sigma2 = ssResidual / residualDf;
        var tau2 = Math.Max(MinVariance, (reduction - sigma2 * raterDf) / raterCoefficient);
        var leniencyShare = policy.PriorLeniencyVariance / policy.PriorRaterVariance;
        return new VariancePrior(
            Math.Max(sigma2, MinVariance), Math.Min(residualDf, MaxResidualWeight),
            tau2, Math.Min(raterDf, MaxRaterWeight),
            tau2 * leniencyShare, "history", scorecards);
    }
}
