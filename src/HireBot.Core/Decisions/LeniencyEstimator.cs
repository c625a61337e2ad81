namespace HireBot.Core.Decisions;

/// <summary>
/// Each interviewer's persistent leniency from past loops, by empirical Bayes (partial pooling).
/// <list type="bullet">
/// <item>In every past loop and competency with two or more raters, a rating's difference from the
/// other raters' mean is one observation; an interviewer's differences are averaged per loop (the
/// loop, one scorecard, is the unit), then over loops: the raw leniency dₚ over mₚ loops.</item>
/// <item>Its sampling variance is vₚ = s²/mₚ, with s² the variance of per-loop differences around
/// each interviewer's own mean, pooled over all interviewers.</item>
/// <item>The spread of true leniency is τ_L² = Var(dₚ) − mean(vₚ) over interviewers with history,
/// or the prior's leniency variance with fewer than five of them.</item>
/// <item>The priors are the digest's (<see cref="VariancePrior"/>): the organisation's own
/// (<see cref="VariancePriorEstimator"/>) once its history is long enough, the policy's defaults before.</item>
/// <item>The estimate is shrunk toward zero: λₚ = τ_L²/(τ_L² + vₚ), leniency λₚ·dₚ, posterior
/// variance λₚ·vₚ. Few scorecards mean strong shrinkage and a variance near τ_L².</item>
/// </list>
/// </summary>
public static class LeniencyEstimator
{
    /// <summary>With the priors the digest would use for this history (<see cref="PriorFor"/>).</summary>
    public static IReadOnlyDictionary<string, RaterCalibration> Estimate(IReadOnlyList<PastRating> history, DecisionPolicy policy) =>
        Estimate(history, PriorFor(history, policy));

    /// <summary>The organisation's priors from <paramref name="history"/> when it has enough, otherwise the policy's defaults.</summary>
    public static VariancePrior PriorFor(IReadOnlyList<PastRating> history, DecisionPolicy policy) =>
        VariancePriorEstimator.Estimate(history, policy) ?? VariancePrior.FromPolicy(policy);

    public static IReadOnlyDictionary<string, RaterCalibration> Estimate(IReadOnlyList<PastRating> history, VariancePrior prior)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(prior);
        var perLoop = new Dictionary<string, List<double>>(StringComparer.OrdinalIgnoreCase);
        foreach (var loop in history.GroupBy(r => r.LoopId))
        {
            var differences = new Dictionary<string, List<double>>(StringComparer.OrdinalIgnoreCase);
            foreach (var competency in loop.GroupBy(r => r.CompetencyId, StringComparer.OrdinalIgnoreCase))
            {
                // One rating per panelist per competency (two interviews by one person averaged).
                var ratings = competency.GroupBy(r => r.Panelist.ToLowerInvariant()).Select(g => (Panelist: g.Key, Rating: g.Average(r => r.Rating))).ToList();
                if (ratings.Count < 2) continue;
                var total = ratings.Sum(r => r.Rating);
                foreach (var (panelist, rating) in ratings)
                    (differences.TryGetValue(panelist, out var list) ? list : differences[panelist] = []).Add(rating - (total - rating) / (ratings.Count - 1));
            }
            foreach (var (panelist, list) in differences)
                (perLoop.TryGetValue(panelist, out var loops) ? loops : perLoop[panelist] = []).Add(list.Average());
        }
        if (perLoop.Count == 0) return new Dictionary<string, RaterCalibration>();

        double within = 0, withinDf = 0;
        foreach (var loops in perLoop.Values.Where(l => l.Count >= 2))
        {
            var mean = loops.Average();
            within += loops.Sum(d => (d - mean) * (d - mean));
            withinDf += loops.Count - 1;
        }
        // How much one loop's difference varies: the prior (two ratings' noise) worth five loops, updated
        // with the pooled history (scaled inverse χ²). Never the history alone: a few identical loops
        // would claim no noise at all and give an interval of zero width.
        const double priorDf = 5;
        var loopPrior = 2 * (prior.ResidualVariance + prior.RaterVariance - prior.LeniencyVariance);
        var s2 = (priorDf * loopPrior + within) / (priorDf + withinDf);
        var raw = perLoop.ToDictionary(kv => kv.Key, kv => (Mean: kv.Value.Average(), Loops: kv.Value.Count), StringComparer.OrdinalIgnoreCase);
        var spread = prior.LeniencyVariance;
        if (raw.Count >= 5)
        {
            var grand = raw.Values.Average(r => r.Mean);
            var observed = raw.Values.Sum(r => (r.Mean - grand) * (r.Mean - grand)) / (raw.Count - 1);
            spread = Math.Max(0.01, observed - raw.Values.Average(r => s2 / r.Loops));
        }
        return raw.ToDictionary(kv => kv.Key, kv =>
        {
            var v = s2 / kv.Value.Loops;
            var shrink = spread / (spread + v);
            return new RaterCalibration(kv.Key, shrink * kv.Value.Mean, shrink * v, kv.Value.Loops, kv.Value.Mean);
        }, StringComparer.OrdinalIgnoreCase);
    }
}
