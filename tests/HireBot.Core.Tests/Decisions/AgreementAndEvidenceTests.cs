using HireBot.Core.Decisions;
using HireBot.Core.Scorecards;
using static HireBot.Core.Tests.Decisions.PanelFixtures;

namespace HireBot.Core.Tests.Decisions;

/// <summary>Issue 15 items 4 and 5: chance-corrected agreement, and a decision rule that counts evidence per competency.</summary>
public class AgreementAndEvidenceTests
{
    [Fact]
    public void Raters_choosing_two_or_three_at_random_agree_no_better_than_chance()
    {
        var rng = new Random(4);
        var units = Enumerable.Range(0, 400).Select(_ => (IReadOnlyList<double>)[rng.Next(2, 4), rng.Next(2, 4), rng.Next(2, 4)]).ToList();
        var agreement = KrippendorffAlpha.Ordinal(units, 6);
        Assert.InRange(agreement.Alpha!.Value, -0.05, 0.05);
        Assert.Equal(1200, agreement.Ratings);
    }

    [Fact]
    public void Alpha_matches_the_hand_computed_ordinal_value()
    {
        // Two units: (1, 2) and (2, 2). Coincidences: o12 = o21 = 1, o22 = 2; margins n1 = 1, n2 = 3, n = 4.
        // δ²12 = (1 + 3 − (1 + 3)/2)² = 4. Observed Σ o δ² = 2·4 = 8; expected Σ n꜀nₖ δ² = 2·1·3·4 = 24.
        // α = 1 − (4 − 1)·8/24 = 0.
        Assert.Equal(0, KrippendorffAlpha.Ordinal([[1, 2], [2, 2]], 2).Alpha!.Value, 9);
        // (1, 1) and (3, 3): perfect agreement.
        Assert.Equal(1, KrippendorffAlpha.Ordinal([[1, 1], [3, 3]], 2).Alpha!.Value, 9);
    }

    [Fact]
    public void Alpha_is_undefined_with_too_few_ratings_and_says_how_many()
    {
        var agreement = KrippendorffAlpha.Ordinal([[1, 3], [4]], 6);
        Assert.Null(agreement.Alpha);
        Assert.Equal(2, agreement.Ratings);
        Assert.Equal(1, agreement.Competencies);
    }

    [Fact]
    public void Two_panelists_who_split_the_competencies_get_no_confident_verdict()
    {
        // Each competency has one rater; each rates high. Technical is a's view alone, Behavioral b's.
        var assessment = Assess(
        [
            Card("a@x.test", Recommendation.StrongYes, ("design", 4), ("api", 4)),
            Card("b@x.test", Recommendation.StrongYes, ("comm", 4), ("own", 4)),
        ]);
        Assert.Equal(Verdict.NeedsDiscussion, assessment.Decision.Verdict);
        Assert.Contains(assessment.Decision.Reasons, r => r.Contains("Technical was rated by 1 panelist"));
        Assert.Contains(assessment.Decision.Reasons, r => r.Contains("two or more raters"));
    }

    [Fact]
    public void A_one_point_difference_among_many_raters_is_not_a_split()
    {
        var cards = Enumerable.Range(0, 8)
            .Select(i => Card($"p{i}@x.test", Recommendation.Yes, ("design", 3 + i % 2), ("api", 3), ("comm", 3 + i % 2), ("own", 3)))
            .ToList();
        var assessment = Assess(cards);
        Assert.DoesNotContain(assessment.Competencies, r => r.Split);
        Assert.Equal(Verdict.Hire, assessment.Decision.Verdict);
    }

    [Fact]
    public void A_lenient_panelists_history_moves_the_score_toward_the_panel()
    {
        var cards = UnanimousThrees().Select((c, i) => i == 0
            ? Card(c.PanelistEmail, Recommendation.StrongYes, ("design", 4), ("api", 4), ("comm", 4), ("own", 4))
            : c).ToList();
        var plain = Assess(cards);
        var history = new PanelHistory(null, new Dictionary<string, RaterCalibration>
        {
            ["a@x.test"] = new("a@x.test", 0.8, 0.01, 23, 0.85),
        });
        var adjusted = PanelAggregator.Assess(Rubric, Expect(["a@x.test", "b@x.test", "c@x.test"], "design"), cards, DecisionPolicy.Default, history);

        Assert.True(adjusted.Overall!.Score < plain.Overall!.Score);
        Assert.Equal(plain.Overall.Score - 0.8 / 3, adjusted.Overall.Score, 9);
        Assert.Equal(plain.Overall.Score, adjusted.UnadjustedOverall!.Score, 9);
        Assert.Single(adjusted.Adjustments);
        Assert.Null(plain.UnadjustedOverall);
        Assert.Empty(plain.Adjustments);
    }

    [Fact]
    public void Leniency_is_shrunk_toward_zero_with_little_history()
    {
        static List<PastRating> Loops(string lenient, int count) => Enumerable.Range(0, count).SelectMany(i =>
        {
            var loop = Guid.NewGuid();
            return new[] { new PastRating(lenient, loop, "design", 4), new PastRating("b@x.test", loop, "design", 3), new PastRating("c@x.test", loop, "design", 3) };
        }).ToList();

        var many = LeniencyEstimator.Estimate(Loops("a@x.test", 23), DecisionPolicy.Default)["a@x.test"];
        var one = LeniencyEstimator.Estimate(Loops("a@x.test", 1), DecisionPolicy.Default)["a@x.test"];

        Assert.Equal(1, many.RawDifference, 9);
        Assert.Equal(23, many.Scorecards);
        Assert.InRange(many.Leniency, 0.7, 1.0);
        Assert.InRange(one.Leniency, 0.0, 0.2);
        Assert.True(one.Variance > many.Variance);
        // Identical loops do not prove there is no noise: the interval keeps the prior's width in it.
        Assert.True(many.StandardError > 0.02, $"standard error {many.StandardError}");
    }

    /// <summary>
    /// An organisation whose panels rarely differ by more than a point: past 30 scorecards its own
    /// priors (far below the defaults) replace the defaults in the leniency estimate too, as in the
    /// digest, so a new interviewer who rated a point above two peers twice is shrunk less and
    /// known more precisely than the defaults would say.
    /// </summary>
    [Fact]
    public void Leniency_uses_the_organisations_priors_once_it_has_enough_history()
    {
        string[] pool = ["ann@x.test", "bo@x.test", "cy@x.test", "dee@x.test", "eve@x.test"];
        string[] competencies = ["design", "coding", "comms"];
        List<PastRating> History(int orgLoops)
        {
            var history = new List<PastRating>();
            for (var l = 0; l < orgLoops; l++)
            {
                var loop = new Guid(l + 1, 0, 0, new byte[8]);
                for (var p = 0; p < 3; p++)
                    foreach (var c in competencies)
                        history.Add(new PastRating(pool[(l + p) % pool.Length], loop, c, 2 + l % 3 + (p == 0 && c == "comms" && l % 2 == 0 ? 1 : 0)));
            }
            for (var l = 0; l < 2; l++)
            {
                var loop = new Guid(100 + l, 0, 0, new byte[8]);
                foreach (var c in competencies)
                {
                    history.Add(new PastRating("ann@x.test", loop, c, 3));
                    history.Add(new PastRating("bo@x.test", loop, c, 3));
                    history.Add(new PastRating("raj@x.test", loop, c, 4));
                }
            }
            return history;
        }
        var history = History(12);
        var policy = DecisionPolicy.Default;

        var prior = LeniencyEstimator.PriorFor(history, policy);
        var withHistory = LeniencyEstimator.Estimate(history, policy)["raj@x.test"];
        var withDefaults = LeniencyEstimator.Estimate(history, VariancePrior.FromPolicy(policy))["raj@x.test"];

        Assert.Equal("history", prior.Source);
        Assert.True(prior.ResidualVariance < policy.PriorResidualVariance / 2, $"σ₀² {prior.ResidualVariance}");
        Assert.Equal(1, withHistory.RawDifference, 9);
        Assert.Equal(withDefaults.RawDifference, withHistory.RawDifference, 9);
        Assert.True(withHistory.Leniency > withDefaults.Leniency + 0.05, $"history {withHistory.Leniency}, defaults {withDefaults.Leniency}");
        Assert.True(withHistory.Variance < withDefaults.Variance, $"history {withHistory.Variance}, defaults {withDefaults.Variance}");
        // The digest's history is the same estimate.
        Assert.Equal(withHistory, PanelHistory.From(history, policy).Calibrations["raj@x.test"]);
        // Below the minimum the defaults stand, as in the digest.
        var shortHistory = History(6);
        Assert.Equal("defaults", LeniencyEstimator.PriorFor(shortHistory, policy).Source);
        Assert.Equal(LeniencyEstimator.Estimate(shortHistory, VariancePrior.FromPolicy(policy))["raj@x.test"], LeniencyEstimator.Estimate(shortHistory, policy)["raj@x.test"]);
    }
}
