using HireBot.Core.Decisions;
using HireBot.Core.Tests.Decisions.Simulation;

namespace HireBot.Core.Tests.Decisions;

/// <summary>
/// Issue 15 item 2: variance priors from the organisation's history (<see cref="VariancePriorEstimator"/>).
/// Histories are simulated from models the estimator does not assume: interviewers drawn from a
/// fixed pool whose leniency persists across loops, a per-loop impression on top, heavy-tailed
/// noise, ratings rounded and clamped to 1..4, full and partial (template loop) layouts.
/// </summary>
public class VariancePriorEstimatorTests
{
    private static readonly string[] Competencies = ["t1", "t2", "t3", "b1", "b2", "c1", "c2"];

    /// <summary>One generative model of an organisation's history.</summary>
    private sealed record Org(
        double LeniencySd, double ImpressionSd, double NoiseSd,
        bool HeavyTails = false, bool Ordinal = false, bool Partial = false, int Pool = 60, int PanelSize = 3)
    {
        /// <summary>The variance of one panelist's effect in a loop: the pool's leniency variance (drawn without replacement) plus the impression's.</summary>
        public double RaterVariance(IReadOnlyList<double> leniency)
        {
            var mean = leniency.Average();
            return leniency.Sum(l => (l - mean) * (l - mean)) / (leniency.Count - 1) + ImpressionSd * ImpressionSd;
        }

        /// <summary>A contaminated normal (sd 3× one time in ten) has variance 0.9σ² + 0.1·9σ².</summary>
        public double NoiseVariance => NoiseSd * NoiseSd * (HeavyTails ? 1.8 : 1);
    }

    private static (List<PastRating> History, double Tau2) Simulate(Org org, int loops, int seed)
    {
        var rng = new Random(seed);
        var leniency = Enumerable.Range(0, org.Pool).Select(_ => org.LeniencySd * Normal(rng)).ToList();
        var history = new List<PastRating>();
        for (var l = 0; l < loops; l++)
        {
            var loopId = new Guid(l + 1, 0, 0, new byte[8]);
            var level = org.Ordinal ? 2 + rng.NextDouble() : 1 + 3 * rng.NextDouble();
            var theta = Competencies.ToDictionary(c => c, _ => level + 0.35 * Normal(rng));
            var panel = Enumerable.Range(0, org.Pool).OrderBy(_ => rng.Next()).Take(org.PanelSize).ToList();
            for (var i = 0; i < panel.Count; i++)
            {
                var effect = leniency[panel[i]] + org.ImpressionSd * Normal(rng);
                // Partial: each panelist rates three competencies of seven, overlapping their neighbour's.
                var rated = org.Partial ? Enumerable.Range(0, 3).Select(k => Competencies[(2 * i + k) % Competencies.Length]) : Competencies;
                foreach (var c in rated)
                {
                    var noise = org.NoiseSd * Normal(rng) * (org.HeavyTails && rng.NextDouble() < 0.1 ? 3 : 1);
                    var y = theta[c] + effect + noise;
                    history.Add(new PastRating($"rater{panel[i]}@x.test", loopId, c, org.Ordinal ? Math.Clamp(Math.Round(y), 1, 4) : y));
                }
            }
        }
        return (history, org.RaterVariance(leniency));
    }

    public static TheoryData<string, double, double, bool, bool, bool, int> Models() => new()
    {
        // name, leniency sd, impression sd, heavy tails, ordinal, partial, panel size
        { "continuous, full", 0.4, 0.2, false, false, false, 3 },
        { "no rater effect", 0.0, 0.0, false, false, false, 3 },
        { "heavy tails", 0.3, 0.1, true, false, false, 4 },
        { "partial layout", 0.4, 0.2, false, false, true, 4 },
        { "ordinal", 0.4, 0.2, false, true, false, 3 },
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void Recovers_the_residual_and_rater_variances_of_a_long_history(string name, double leniencySd, double impressionSd, bool heavy, bool ordinal, bool partial, int panelSize)
    {
        var org = new Org(leniencySd, impressionSd, 0.5, heavy, ordinal, partial, PanelSize: panelSize);
        var (history, tau2) = Simulate(org, loops: 400, seed: name.Length * 7919);

        var prior = VariancePriorEstimator.Estimate(history, DecisionPolicy.Default);

        Assert.NotNull(prior);
        Assert.Equal("history", prior.Source);
        // Rounding to integers adds about 1/12 (a uniform rounding error) to each rating's noise and
        // nothing to the rater term; clamping at 1 and 4 takes a little back (levels 2–3 keep it rare).
        var sigma2 = org.NoiseVariance + (ordinal ? 1.0 / 12 : 0);
        Assert.InRange(prior.ResidualVariance, sigma2 * 0.88, sigma2 * 1.12);
        Assert.InRange(prior.RaterVariance, Math.Max(VariancePriorEstimator.MinVariance, tau2 - 0.04), tau2 + 0.04);
        Assert.Equal(VariancePriorEstimator.MaxResidualWeight, prior.ResidualDegreesOfFreedom);
        Assert.Equal(VariancePriorEstimator.MaxRaterWeight, prior.RaterDegreesOfFreedom);
        Assert.Equal(400 * panelSize, prior.Scorecards);
    }

    [Fact]
    public void Returns_null_below_the_minimum_of_scorecards_that_share_a_competency_with_a_peer()
    {
        var (ten, _) = Simulate(new Org(0.3, 0.1, 0.5), loops: 10, seed: 1); // 30 scorecards
        var nine = ten.Where(r => r.LoopId != ten[0].LoopId).ToList();   // 27
        // A loop whose two panelists rated different competencies: its scorecards share nothing and do not count.
        var apart = new Guid(999, 0, 0, new byte[8]);
        var padded = nine.Concat([new PastRating("x@x.test", apart, "t1", 3), new PastRating("y@x.test", apart, "t2", 2),
            new PastRating("z@x.test", apart, "t3", 2)]).ToList();

        Assert.Null(VariancePriorEstimator.Estimate(nine, DecisionPolicy.Default));
        Assert.Null(VariancePriorEstimator.Estimate(padded, DecisionPolicy.Default));
        Assert.Null(VariancePriorEstimator.Estimate([], DecisionPolicy.Default));
        Assert.Equal(30, VariancePriorEstimator.Estimate(ten, DecisionPolicy.Default)?.Scorecards);
        Assert.Null(VariancePriorEstimator.Estimate(ten, DecisionPolicy.Default with { HistoryPriorMinScorecards = 31 }));
    }

    [Fact]
    public void Excludes_the_loop_being_assessed()
    {
        var (history, _) = Simulate(new Org(0.3, 0.1, 0.5), loops: 10, seed: 2);
        var current = Guid.CreateVersion7();
        // The loop being assessed, with wild ratings: if it counted, the variances would jump.
        var first = history[0].LoopId;
        var wild = history.Select(r => r.LoopId == first ? r with { LoopId = current, Rating = r.Rating >= 2.5 ? 1 : 4 } : r).ToList();

        Assert.Null(VariancePriorEstimator.Estimate(wild, DecisionPolicy.Default, current)); // 27 scorecards without it
        var (more, _) = Simulate(new Org(0.3, 0.1, 0.5), loops: 40, seed: 3);
        var without = VariancePriorEstimator.Estimate(more, DecisionPolicy.Default)!;
        var withCurrent = VariancePriorEstimator.Estimate([.. more, .. wild.Where(r => r.LoopId == current)], DecisionPolicy.Default, current)!;
        Assert.Equal(without, withCurrent);
        Assert.NotEqual(without, VariancePriorEstimator.Estimate([.. more, .. wild.Where(r => r.LoopId == current)], DecisionPolicy.Default));
    }

    [Fact]
    public void The_weight_follows_the_history_up_to_the_cap()
    {
        // Fifteen loops of two panelists rating one shared competency: 30 scorecards, 15 rater degrees
        // of freedom, no residual ones (one competency, two raters: the panelist fit is exact).
        var thin = Enumerable.Range(0, 15).SelectMany(i => new[]
        {
            new PastRating($"a{i}@x.test", new Guid(i + 1, 0, 0, new byte[8]), "t1", 2 + i % 2),
            new PastRating($"b{i}@x.test", new Guid(i + 1, 0, 0, new byte[8]), "t1", 3),
        }).ToList();
        Assert.Null(VariancePriorEstimator.Estimate(thin, DecisionPolicy.Default)); // nothing about σ²

        // Ten loops of three panelists sharing two competencies: dfₑ = 6 − 2 − 3 + 1 = 2 each.
        var (history, _) = Simulate(new Org(0.3, 0.1, 0.5), loops: 400, seed: 4);
        var twoShared = history.Where(r => r.CompetencyId is "t1" or "t2").GroupBy(r => r.LoopId).Take(10).SelectMany(g => g).ToList();
        var prior = VariancePriorEstimator.Estimate(twoShared, DecisionPolicy.Default)!;
        Assert.Equal(VariancePriorEstimator.MaxResidualWeight, prior.ResidualDegreesOfFreedom); // 20 > 8: capped
        var three = history.Where(r => r.CompetencyId is "t1" or "t2").GroupBy(r => r.LoopId).Take(3).SelectMany(g => g).ToList();
        Assert.Equal(6, VariancePriorEstimator.Estimate(three, DecisionPolicy.Default with { HistoryPriorMinScorecards = 9 })!.ResidualDegreesOfFreedom);
    }

    /// <summary>
    /// The cap's evidence: with priors estimated from 40 past loops of the same kind, the
    /// aggregator's intervals still cover 85–95% where the targets apply, including panels whose
    /// raters do not differ (history's τ² near zero) and the template loop.
    /// </summary>
    [Theory]
    [InlineData("full n=3 τ=0.00 σ=0.5")]
    [InlineData("full n=3 τ=0.50 σ=0.5")]
    [InlineData("full n=5 τ=0.25 σ=0.8")]
    [InlineData("heavy tails n=3 τ=0.25 σ=0.5")]
    [InlineData("template loop τ=0.00 σ=0.6")]
    [InlineData("template loop τ=0.25 σ=0.6")]
    [InlineData("template loop τ=0.50 σ=0.6")]
    public void History_priors_keep_the_intervals_honest(string name)
    {
        var index = PanelScenarios.All.ToList().FindIndex(s => s.Name == name);
        var scenario = PanelScenarios.All[index];
        var prior = VariancePriorEstimator.Estimate(PanelSimulator.History(scenario, 40, seed: 25_000 + index), DecisionPolicy.Default);
        Assert.NotNull(prior);

        var result = PanelSimulator.Run(scenario, 400, seed: 15_000 + index, history: new PanelHistory(prior, new Dictionary<string, RaterCalibration>()));

        Assert.InRange(result.OverallCoverage, 0.85, 0.95);
        Assert.InRange(result.DimensionCoverage, 0.85, 0.95);
        Assert.True(result.WrongSide < 0.02, result.Row());
    }

    private static double Normal(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
