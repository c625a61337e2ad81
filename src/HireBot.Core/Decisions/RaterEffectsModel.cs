namespace HireBot.Core.Decisions;

/// <summary>
/// The uncertainty model behind every interval in the digest.
///
/// A rating is yₚ꜀ = θ꜀ + bₚ + eₚ꜀: the competency's score θ꜀ (the rating the whole population of
/// interviewers would give on average), the panelist's effect bₚ in this loop (their leniency plus
/// this loop's impression, shared by every competency they rate, variance τₚ²) and noise eₚ꜀
/// (variance σ²). The panelist is the unit of replication.
/// <list type="bullet">
/// <item><b>Variances.</b> The panel's own ratings give an additive fit (competency + panelist, by
/// alternating means). Its residual sum of squares SSₑ has dfₑ = N − C − P + K degrees of freedom
/// (N ratings, C competencies, P panelists, K connected groups of the rating layout); the
/// reduction R from adding panelists has df_b = P − K and E[R] = df_b·σ² + τ²·(N − C), so
/// τ̂² = (R − df_b·σ²) / (N − C) (unbiased, so it may be negative, and is kept so). Each is pooled with its prior as pseudo-observations:
/// σ² = (ν_σ·σ₀² + SSₑ)/(ν_σ + dfₑ); the rater term is the prior's τₚ² scaled by
/// (ν_τ + df_b·τ̂²/τ̄₀²)/(ν_τ + df_b), with ν_τ + df_b degrees of freedom. When every panelist rates
/// different competencies (N = C) the panel says nothing about either variance and the prior
/// (defaults, or the organisation's history) carries it all. In a partial layout τ² cannot go
/// negative, so when τ̂² ≤ 0 (the rater mean square no larger than the residual one) R is pooled
/// into σ² with its df_b degrees of freedom and the rater term keeps only the prior's share
/// (preliminary-test pooling): stopping τ̂² at zero alone made the template loop over-cover.</item>
/// <item><b>Estimates.</b> A weighted score S = Σ w꜀·ȳ꜀ (a competency, a dimension or the overall
/// score) has error Σₚ aₚ·bₚ + Σ w꜀·ē꜀ with aₚ = Σ_{c rated by p} w꜀/n꜀, so
/// Var(S) = Σₚ aₚ²·τₚ² + σ²·Σ w꜀²/n꜀: the rater term does not shrink as a panelist rates more
/// competencies, only as more panelists share the weight. Degrees of freedom combine the two terms
/// by Welch–Satterthwaite, the σ² the panel's rater mean square carries (df_b/(N − C) per panelist
/// share) counted with the rater term; the interval is S ± t·√Var, clamped to the scale.</item>
/// <item><b>Calibration.</b> Ratings of a panelist with history are first adjusted by their
/// estimated leniency; their τₚ² is then the prior's non-persistent part plus the leniency
/// estimate's own variance (<see cref="RaterCalibration.Variance"/>).</item>
/// </list>
/// Coverage is checked by <c>PanelSimulationTests</c> over models this estimator does not assume
/// (rounding, clamping, heavy tails, halo, shared impressions, partial layouts); see the README.
/// </summary>
internal static class RaterEffectsModel
{
    public static PanelFit Fit(
        IReadOnlyDictionary<string, IReadOnlyList<PanelistRating>> ratings,
        VariancePrior prior,
        IReadOnlyDictionary<string, RaterCalibration> calibration)
    {
        var observations = ratings.SelectMany(kv => kv.Value.Select(r => (Competency: kv.Key, r.Panelist, r.Rating))).ToList();
        var panelists = observations.Select(o => o.Panelist).Distinct().ToList();
        var competencies = ratings.Keys.Where(k => ratings[k].Count > 0).ToList();
        int n = observations.Count, c = competencies.Count, p = panelists.Count;
        var groups = ConnectedGroups(observations.Select(o => (o.Competency, o.Panelist)));

        // Residual SS of competency means alone, and of the additive competency + panelist fit.
        var competencyMean = ratings.Where(kv => kv.Value.Count > 0).ToDictionary(kv => kv.Key, kv => kv.Value.Average(r => r.Rating));
        var ssCompetency = observations.Sum(o => Square(o.Rating - competencyMean[o.Competency]));
        var ssAdditive = AdditiveResidual(observations);
        double residualDf = Math.Max(0, n - c - p + groups);
        double raterDf = Math.Max(0, p - groups);

        var sigmaDf = prior.ResidualDegreesOfFreedom + residualDf;
        var sigma2 = (prior.ResidualDegreesOfFreedom * prior.ResidualVariance + ssAdditive) / sigmaDf;

        var priorTau = panelists.ToDictionary(x => x, x => PriorRaterVariance(prior, calibration.GetValueOrDefault(x)));
        double? panelTau = null;
        var scale = 1.0;
        var share = 0.0;
        var partial = n != c * p;
        if (raterDf > 0 && n > c)
        {
            var reduction = Math.Max(0, ssCompetency - ssAdditive);
            // Unbiased (it may come out negative); pooled with the prior before clamping at zero.
            panelTau = (reduction - raterDf * sigma2) / (n - c);
            share = raterDf / (n - c);
            if (partial && panelTau <= 0)
            {
                // A partial layout cannot keep a negative τ̂² (see below), and stopping it at zero
                // alone biases every interval wide when raters do not differ. The panel says they do
                // not (the rater mean square is no larger than the residual one), so the reduction is
                // a second estimate of σ² and is pooled into it (Bancroft's preliminary-test pooling):
                // σ² gains df_b degrees of freedom and the rater term keeps only the prior's share.
                sigma2 = (sigmaDf * sigma2 + reduction) / (sigmaDf + raterDf);
                sigmaDf += raterDf;
                panelTau = 0;
                share = 0;
            }
            var meanPrior = priorTau.Values.Average();
            if (meanPrior > 0)
                scale = (prior.RaterDegreesOfFreedom + raterDf * panelTau.Value / meanPrior) / (prior.RaterDegreesOfFreedom + raterDf);
        }
        // A negative pooled τ² is kept (down to −σ²·df_b/(N − C), where the rater mean square it
        // came from would be zero): clamping it at zero would bias every interval wide when raters
        // do not differ. The variance of any estimate stays positive (see Estimate).
        // In a partial layout (panelists rating different competencies) that floor does not keep
        // every estimate's variance positive, so there τ² stops at zero.
        var floor = partial ? 0 : -sigma2 * share;
        var tau = priorTau.ToDictionary(kv => kv.Key, kv => Math.Max(kv.Value * scale, floor));
        return new PanelFit(sigma2, sigmaDf, tau, prior.RaterDegreesOfFreedom + raterDf, residualDf, raterDf, panelTau, share,
            priorTau.ToDictionary(kv => kv.Key, kv => kv.Value + prior.ResidualVariance));
    }

    /// <summary>τₚ² before this panel: the whole rater variance, or with history its non-persistent part plus the leniency estimate's variance.</summary>
    public static double PriorRaterVariance(VariancePrior prior, RaterCalibration? calibration) =>
        calibration is null ? prior.RaterVariance : Math.Max(0, prior.RaterVariance - prior.LeniencyVariance) + calibration.Variance;

    /// <summary>Estimate of Σ w꜀·θ꜀ over the competencies in <paramref name="weights"/> (weights summing to 1, each rated).</summary>
    public static ScoreEstimate Estimate(
        IReadOnlyDictionary<string, double> weights,
        IReadOnlyDictionary<string, IReadOnlyList<PanelistRating>> ratings,
        PanelFit fit,
        double confidenceLevel, double min, double max)
    {
        if (weights.Count == 0) throw new ArgumentException("An estimate needs at least one rated competency.", nameof(weights));
        double score = 0, residualTerm = 0;
        var share = new Dictionary<string, double>();
        foreach (var (id, weight) in weights)
        {
            var rs = ratings[id];
            score += weight * rs.Average(r => r.Rating);
            residualTerm += weight * weight / rs.Count;
            foreach (var r in rs) share[r.Panelist] = share.GetValueOrDefault(r.Panelist) + weight / rs.Count;
        }
        var raterPart = share.Sum(kv => kv.Value * kv.Value * fit.RaterVariance.GetValueOrDefault(kv.Key));
        var residualPart = fit.ResidualVariance * residualTerm;
        var variance = Math.Max(raterPart + residualPart, 1e-12);
        // The panel's rater estimate comes from a mean square that also holds σ²·df_b/(N − C): that
        // much of the residual part is as uncertain as the rater term, and is counted with it.
        var carried = Math.Min(residualPart, fit.ResidualVariance * fit.ResidualShareOfRaterTerm * share.Values.Sum(a => a * a));
        raterPart += carried;
        residualPart -= carried;
        var denominator = raterPart * raterPart / fit.RaterDegreesOfFreedom + residualPart * residualPart / fit.ResidualDegreesOfFreedom;
        var df = denominator > 0 ? variance * variance / denominator : Math.Min(fit.RaterDegreesOfFreedom, fit.ResidualDegreesOfFreedom);
        return Build(score, Math.Sqrt(variance), df, confidenceLevel, min, max);
    }

    internal static ScoreEstimate Build(double score, double standardError, double df, double confidenceLevel, double min, double max)
    {
        var margin = StudentT.Quantile(1 - (1 - confidenceLevel) / 2, df) * standardError;
        return new ScoreEstimate(score, Math.Max(min, score - margin), Math.Min(max, score + margin), margin, standardError, df, confidenceLevel);
    }

    /// <summary>Residual sum of squares of yₚ꜀ = θ꜀ + bₚ fitted by alternating means (converges for any layout).</summary>
    internal static double AdditiveResidual(IReadOnlyList<(string Competency, string Panelist, double Rating)> observations)
    {
        var theta = new Dictionary<string, double>();
        var b = observations.Select(o => o.Panelist).Distinct().ToDictionary(x => x, _ => 0.0);
        var previous = double.MaxValue;
        var ss = 0.0;
        for (var iteration = 0; iteration < 500; iteration++)
        {
            foreach (var g in observations.GroupBy(o => o.Competency)) theta[g.Key] = g.Average(o => o.Rating - b[o.Panelist]);
            foreach (var g in observations.GroupBy(o => o.Panelist)) b[g.Key] = g.Average(o => o.Rating - theta[o.Competency]);
            ss = observations.Sum(o => Square(o.Rating - theta[o.Competency] - b[o.Panelist]));
            if (previous - ss < 1e-12) break;
            previous = ss;
        }
        return ss;
    }

    /// <summary>Connected groups of the bipartite competency–panelist graph (union–find).</summary>
    internal static int ConnectedGroups(IEnumerable<(string Competency, string Panelist)> edges)
    {
        var parent = new Dictionary<string, string>();
        string Find(string x)
        {
            if (!parent.TryGetValue(x, out var up)) { parent[x] = x; return x; }
            if (up == x) return x;
            var root = Find(up);
            parent[x] = root;
            return root;
        }
        foreach (var (competency, panelist) in edges)
        {
            var a = Find("c:" + competency);
            var z = Find("p:" + panelist);
            if (a != z) parent[a] = z;
        }
        return parent.Keys.Select(Find).Distinct().Count();
    }

    private static double Square(double x) => x * x;
}
