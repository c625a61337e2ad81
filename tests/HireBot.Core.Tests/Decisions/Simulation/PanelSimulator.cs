using HireBot.Core.Decisions;
using HireBot.Core.Rubrics;
using HireBot.Core.Scorecards;

namespace HireBot.Core.Tests.Decisions.Simulation;

/// <summary>
/// Runs the real <see cref="PanelAggregator"/> on panels drawn from a <see cref="PanelScenario"/>
/// with known truth and counts coverage and wrong-side verdicts. Seeded: the same seed gives the
/// same figures. Uses only the public API so the bench can share it (tests/HireBot.Bench links it).
/// </summary>
public static class PanelSimulator
{
    private static readonly DateTimeOffset At = new(2025, 3, 4, 10, 0, 0, TimeSpan.Zero);
    private const string Evidence = "Walked through the trade-offs with concrete numbers.";

    /// <summary>Seven competencies, the 45/35/20 weighting of the built-in template, uneven competency weights.</summary>
    public static Rubric FullRubric { get; } = new(
    [
        new Dimension("tech", "Technical", 45, [C("t1", 1), C("t2", 2), C("t3", 1)]),
        new Dimension("behav", "Behavioral", 35, [C("b1", 1), C("b2", 1)]),
        new Dimension("ctx", "Contextual", 20, [C("c1", 1), C("c2", 1)]),
    ], RatingScale.FourPoint);

    /// <summary>The rubric of templates/backend-engineer.json (twelve competencies, equal weights within a dimension).</summary>
    public static Rubric TemplateRubric { get; } = new(
    [
        new Dimension("technical", "Technical", 45,
            [C("system-design", 1), C("api-design", 1), C("data-modeling", 1), C("debugging-operations", 1), C("reliability", 1), C("security", 1), C("code-quality", 1)]),
        new Dimension("behavioral", "Behavioral", 35, [C("communication", 1), C("collaboration", 1), C("ownership", 1)]),
        new Dimension("contextual", "Contextual", 20, [C("growth", 1), C("motivation-fit", 1)]),
    ], RatingScale.FourPoint);

    /// <summary>The template loop's seats: each panelist and their round's focus competencies (system design has two panelists).</summary>
    public static IReadOnlyList<string[]> TemplateSeats { get; } =
    [
        ["data-modeling", "api-design", "reliability"],
        ["code-quality", "debugging-operations"],
        ["system-design", "reliability", "security"],
        ["system-design", "reliability", "security"],
        ["debugging-operations", "code-quality", "communication"],
        ["collaboration", "ownership", "growth"],
        ["motivation-fit", "communication", "ownership"],
    ];

    /// <param name="history">Variance priors and calibration from the organisation's past loops; none by default.</param>
    public static SimulationResult Run(PanelScenario scenario, int panels, int seed, DecisionPolicy? policy = null, PanelHistory? history = null)
    {
        policy ??= DecisionPolicy.Default;
        var rng = new Random(seed);
        var rubric = scenario.Layout == PanelLayout.Template ? TemplateRubric : FullRubric;
        var seats = scenario.Layout == PanelLayout.Template
            ? TemplateSeats
            : Enumerable.Range(0, scenario.Panelists).Select(_ => rubric.Competencies.Select(c => c.Id).ToArray()).ToList();
        int competencyCovered = 0, competencyTotal = 0, dimensionCovered = 0, dimensionTotal = 0, overallCovered = 0;
        int below = 0, hireBelow = 0, above = 0, noHireAbove = 0, confident = 0;
        var width = 0.0;
        for (var i = 0; i < panels; i++)
        {
            var (cards, truth) = Draw(rng, scenario, rubric, seats);
            var a = PanelAggregator.Assess(rubric, [], cards, policy, history);
            foreach (var row in a.Competencies.Where(r => r.Estimate is not null))
            {
                competencyTotal++;
                if (Covers(row.Estimate!, truth[row.CompetencyId])) competencyCovered++;
            }
            foreach (var d in a.Dimensions.Where(d => d.Estimate is not null))
            {
                var dimensionTruth = a.Competencies.Where(r => r.DimensionId == d.DimensionId).Sum(r => r.Weight / d.Weight * truth[r.CompetencyId]);
                dimensionTotal++;
                if (Covers(d.Estimate!, dimensionTruth)) dimensionCovered++;
            }
            var overallTruth = a.Competencies.Sum(r => r.Weight * truth[r.CompetencyId]);
            if (Covers(a.Overall!, overallTruth)) overallCovered++;
            width += a.Overall!.Upper - a.Overall.Lower;
            var verdict = a.Decision.Verdict;
            if (verdict != Verdict.NeedsDiscussion) confident++;
            if (overallTruth < policy.NoHireThreshold) { below++; if (verdict == Verdict.Hire) hireBelow++; }
            if (overallTruth >= policy.HireThreshold) { above++; if (verdict == Verdict.NoHire) noHireAbove++; }
        }
        return new SimulationResult(
            scenario, panels,
            (double)competencyCovered / competencyTotal,
            (double)dimensionCovered / dimensionTotal,
            (double)overallCovered / panels,
            below > 0 ? (double)hireBelow / below : 0, below,
            above > 0 ? (double)noHireAbove / above : 0, above,
            (double)confident / panels,
            width / panels);
    }

    /// <summary>
    /// Past loops drawn from the same scenario, as the organisation's history would hold them
    /// (each loop's panelists named apart, so no leniency carries between loops).
    /// </summary>
    public static IReadOnlyList<PastRating> History(PanelScenario scenario, int loops, int seed)
    {
        var rng = new Random(seed);
        var rubric = scenario.Layout == PanelLayout.Template ? TemplateRubric : FullRubric;
        var seats = scenario.Layout == PanelLayout.Template
            ? TemplateSeats
            : Enumerable.Range(0, scenario.Panelists).Select(_ => rubric.Competencies.Select(c => c.Id).ToArray()).ToList();
        var history = new List<PastRating>();
        for (var i = 0; i < loops; i++)
        {
            var loopId = new Guid(i, 0, 0, new byte[8]);
            foreach (var card in Draw(rng, scenario, rubric, seats).Item1)
                history.AddRange(card.Ratings.Select(r => new PastRating($"{i}:{card.PanelistEmail}", loopId, r.CompetencyId, r.Rating)));
        }
        return history;
    }

    private static (IReadOnlyList<Scorecard>, IReadOnlyDictionary<string, double>) Draw(
        Random rng, PanelScenario s, Rubric rubric, IReadOnlyList<string[]> seats)
    {
        var level = s.LevelLow + (s.LevelHigh - s.LevelLow) * rng.NextDouble();
        var theta = rubric.Competencies.ToDictionary(c => c.Id, _ => Math.Clamp(level + 0.35 * Normal(rng), 1, 4));
        var impression = theta.Values.Average();
        var truth = theta.ToDictionary(kv => kv.Key, kv => ExpectedRating(kv.Value, s));
        var shared = s.SharedSd * Normal(rng);
        var cards = new List<Scorecard>();
        for (var p = 0; p < seats.Count; p++)
        {
            var leniency = s.RaterSd * Normal(rng);
            var ratings = seats[p].Select(id =>
            {
                var noise = s.NoiseSd * Normal(rng) * (s.HeavyTails && rng.NextDouble() < 0.1 ? 3 : 1);
                var latent = theta[id] + leniency + shared + s.Halo * (impression - theta[id]) + noise;
                return new CompetencyRating(id, (int)Math.Clamp(Math.Round(latent), 1, 4), Evidence);
            }).ToList();
            cards.Add(new Scorecard(Guid.Empty, $"p{p}@x.test", ratings, [], Recommendation.Yes, null, At));
        }
        return (cards, truth);
    }

    /// <summary>E[clamp(round(θ + b + e), 1, 4)] over the rater population, by quadrature over b.</summary>
    public static double ExpectedRating(double theta, PanelScenario s)
    {
        const int points = 121;
        double expected = 0, total = 0;
        for (var i = 0; i < (s.RaterSd > 0 ? points : 1); i++)
        {
            var z = s.RaterSd > 0 ? -6 + 12.0 * i / (points - 1) : 0;
            var weight = Math.Exp(-z * z / 2);
            var shifted = theta + s.RaterSd * z;
            var e = 0.0;
            for (var k = 1; k <= 4; k++)
            {
                var lowCdf = k == 1 ? 0 : NoiseCdf(k - 0.5 - shifted, s);
                var highCdf = k == 4 ? 1 : NoiseCdf(k + 0.5 - shifted, s);
                e += k * (highCdf - lowCdf);
            }
            expected += weight * e;
            total += weight;
        }
        return expected / total;
    }

    private static double NoiseCdf(double x, PanelScenario s) => s.NoiseSd <= 0
        ? (x >= 0 ? 1 : 0)
        : s.HeavyTails
            ? 0.9 * NormalCdf(x / s.NoiseSd) + 0.1 * NormalCdf(x / (3 * s.NoiseSd))
            : NormalCdf(x / s.NoiseSd);

    private static bool Covers(ScoreEstimate e, double truth) => e.Lower <= truth && truth <= e.Upper;

    private static double Normal(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    /// <summary>Abramowitz and Stegun 7.1.26 (absolute error below 1.5e-7).</summary>
    private static double NormalCdf(double z)
    {
        var x = Math.Abs(z) / Math.Sqrt(2);
        var t = 1 / (1 + 0.3275911 * x);
        var erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.Exp(-x * x);
        return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
    }

    private static Competency C(string id, double weight) => new(id, id, id, id, [], weight);
}
