using HireBot.Core.Rubrics;
using HireBot.Core.Scorecards;

namespace HireBot.Core.Tests.Decisions;

/// <summary>
/// The generative model of the coverage simulation, with known ground truth:
/// <list type="bullet">
/// <item>Each competency has a latent level θ ~ Uniform(1, 4).</item>
/// <item>Each of n panelists rates each competency round(θ + ε) clamped to 1..4, with independent
/// rater noise ε ~ Normal(0, σ²).</item>
/// <item>The truth the interval must cover is the expected rating a very large panel would give,
/// E[clamp(round(θ + ε))], computed exactly from the normal CDF; the overall truth is the same
/// rubric-weighted sum of those expectations.</item>
/// </list>
/// </summary>
internal static class SimulatedPanels
{
    /// <summary>The simulation rubric: the 45/35/20 weighting of the built-in template, uneven competency weights.</summary>
    public static Rubric Rubric { get; } = new(
    [
        new Dimension("tech", "Technical", 45, [C("t1", 1), C("t2", 2), C("t3", 1)]),
        new Dimension("behav", "Behavioral", 35, [C("b1", 1), C("b2", 1)]),
        new Dimension("ctx", "Contextual", 20, [C("c1", 1), C("c2", 1)]),
    ], RatingScale.FourPoint);

    /// <summary>Overall weight of each competency when all are rated (dimension share × share within it).</summary>
    public static IReadOnlyDictionary<string, double> Weights { get; } = new Dictionary<string, double>
    {
        ["t1"] = 0.45 / 4, ["t2"] = 0.45 / 2, ["t3"] = 0.45 / 4, ["b1"] = 0.35 / 2, ["b2"] = 0.35 / 2, ["c1"] = 0.1, ["c2"] = 0.1,
    };

    public static (IReadOnlyList<Scorecard> Cards, IReadOnlyDictionary<string, double> Truth) Draw(Random rng, int panelists, double sigma)
    {
        var truth = new Dictionary<string, double>();
        var ratings = new List<CompetencyRating>[panelists];
        for (var p = 0; p < panelists; p++) ratings[p] = [];
        foreach (var id in Weights.Keys)
        {
            var theta = 1 + 3 * rng.NextDouble();
            truth[id] = ExpectedRating(theta, sigma);
            for (var p = 0; p < panelists; p++)
            {
                var rating = (int)Math.Clamp(Math.Round(theta + sigma * StandardNormal(rng)), 1, 4);
                ratings[p].Add(new CompetencyRating(id, rating, PanelFixtures.Evidence));
            }
        }
        var cards = ratings
            .Select((r, p) => new Scorecard(Guid.Empty, $"p{p}@x.test", r, [], Recommendation.Yes, null, PanelFixtures.At))
            .ToList();
        return (cards, truth);
    }

    /// <summary>E[clamp(round(θ + ε), 1, 4)] for ε ~ N(0, σ²).</summary>
    public static double ExpectedRating(double theta, double sigma)
    {
        var expected = 0.0;
        for (var k = 1; k <= 4; k++)
        {
            var below = k == 1 ? 0 : NormalCdf((k - 0.5 - theta) / sigma);
            var upTo = k == 4 ? 1 : NormalCdf((k + 0.5 - theta) / sigma);
            expected += k * (upTo - below);
        }
        return expected;
    }

    private static double StandardNormal(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    /// <summary>Abramowitz and Stegun 7.1.26 (absolute error below 1.5e-7), ample for a coverage check.</summary>
    private static double NormalCdf(double z)
    {
        var x = Math.Abs(z) / Math.Sqrt(2);
        var t = 1 / (1 + 0.3275911 * x);
        var erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.Exp(-x * x);
        return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
    }

    private static Competency C(string id, double weight) => new(id, id, id, id, [], weight);
}
