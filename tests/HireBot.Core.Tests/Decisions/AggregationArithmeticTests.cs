using HireBot.Core.Decisions;
using HireBot.Core.Scorecards;
using static HireBot.Core.Tests.Decisions.PanelFixtures;

namespace HireBot.Core.Tests.Decisions;

/// <summary>Aggregation checked against arithmetic done by hand (default policy: σ₀² = 0.36 worth 4, τ₀² = 0.1225 worth 0.05).</summary>
public class AggregationArithmeticTests
{
    [Fact]
    public void Three_raters_two_three_four_give_the_hand_computed_interval()
    {
        var assessment = Assess(
        [
            Card("a@x.test", Recommendation.No, ("design", 2)),
            Card("b@x.test", Recommendation.Yes, ("design", 3)),
            Card("c@x.test", Recommendation.StrongYes, ("design", 4)),
        ]);
        var row = assessment.Row("design");

        // One competency, three panelists: N = 3, C = 1, P = 3, K = 1. Residual df 0, rater df 2.
        // SS around the mean = 2, additive fit SS = 0, so R = 2. σ² = (4·0.36 + 0)/4 = 0.36.
        // τ̂² = (2 − 2·0.36)/(3 − 1) = 0.64; τ² = (0.05·0.1225 + 2·0.64)/2.05 = 0.627378.
        // a = 1/3 each: rater part 0.627378/3, residual part 0.36/3, all carried with the rater term
        // (df_b/(N − C) = 1): variance 0.329126 with 2.05 df.
        var tau2 = (0.05 * 0.1225 + 2 * 0.64) / 2.05;
        var se = Math.Sqrt(tau2 / 3 + 0.12);
        var margin = StudentT.Quantile(0.95, 2.05) * se;
        Assert.Equal(3, row.Estimate!.Score, 9);
        Assert.Equal(2.05, row.Estimate.DegreesOfFreedom, 6);
        Assert.Equal(se, row.Estimate.StandardError, 6);
        Assert.Equal(margin, row.Estimate.Margin, 6);
        Assert.Equal(2, row.Spread);
        Assert.Equal(3, row.Raters);
        Assert.False(row.Split);
    }

    [Fact]
    public void Weights_normalise_over_assessed_competencies_and_the_gap_is_reported()
    {
        // design 4,4; api 3,3; comm 2,2; own unassessed.
        var assessment = Assess(
        [
            Card("a@x.test", Recommendation.Yes, ("design", 4), ("api", 3), ("comm", 2)),
            Card("b@x.test", Recommendation.Yes, ("design", 4), ("api", 3), ("comm", 2)),
        ]);

        // Technical = (2·4 + 1·3) / 3 = 11/3. Behavioral = comm alone = 2 (own's half is the gap).
        // Overall = 0.6 · 11/3 + 0.4 · 2 = 2.2 + 0.8 = 3.0. Gap = 0.4 · 0.5 = 0.2 of the rubric.
        var tech = assessment.Dimensions.Single(d => d.DimensionId == "tech");
        var behav = assessment.Dimensions.Single(d => d.DimensionId == "behav");
        Assert.Equal(11.0 / 3, tech.Estimate!.Score, 9);
        Assert.Equal(2, behav.Estimate!.Score, 9);
        Assert.Equal(0.5, behav.UnassessedWeight, 9);
        Assert.Equal(0, tech.UnassessedWeight, 9);
        Assert.Equal(3.0, assessment.Overall!.Score, 9);
        Assert.Equal(0.2, assessment.UnassessedWeight, 9);
        Assert.Equal(0.4, assessment.Row("design").Weight, 9);
        Assert.Equal(0.2, assessment.Row("api").Weight, 9);
        Assert.Equal(0.4, assessment.Row("comm").Weight, 9);
        Assert.Equal(0, assessment.Row("own").Weight);

        // Two panelists who agree everywhere: the panel shows no rater effect (τ̂² < 0 is kept,
        // down to −σ²·df_b/(N − C)), so the overall variance is the residual remainder only.
        Assert.True(assessment.Overall.Margin > 0);
    }

    [Fact]
    public void A_single_rater_rests_on_the_prior_alone()
    {
        var assessment = Assess([Card("a@x.test", Recommendation.Yes, ("api", 3))]);
        var estimate = assessment.Row("api").Estimate!;

        // No panel information: variance τ₀² + σ₀² = 0.1225 + 0.36, df by Satterthwaite from 0.05 and 4.
        var variance = 0.1225 + 0.36;
        var df = variance * variance / (0.1225 * 0.1225 / 0.05 + 0.36 * 0.36 / 4);
        Assert.Equal(Math.Sqrt(variance), estimate.StandardError, 9);
        Assert.Equal(df, estimate.DegreesOfFreedom, 9);
        Assert.True(estimate.Lower < 1.5);
        Assert.Equal(4, estimate.Upper);
    }

    [Fact]
    public void A_panelist_rating_a_competency_in_two_interviews_counts_once_with_the_average()
    {
        var first = Card("a@x.test", Recommendation.Yes, ("design", 2));
        var second = Card("a@x.test", Recommendation.Yes, ("design", 4)) with { InterviewId = Round2 };
        var row = Assess([first, second]).Row("design");

        Assert.Equal(1, row.Raters);
        Assert.Equal(3, row.Estimate!.Score, 9);
    }

    [Fact]
    public void Only_the_latest_version_of_an_amended_scorecard_counts()
    {
        var original = Card("a@x.test", Recommendation.No, ("design", 2));
        var amended = Card("a@x.test", Recommendation.Yes, ("design", 4)) with { AmendedAt = At.AddHours(2) };
        var assessment = Assess([amended, original]);

        Assert.Equal(4, assessment.Row("design").Estimate!.Score, 9);
        Assert.Equal(1, assessment.Panelists);
    }

    [Fact]
    public void Intervals_widen_with_fewer_raters_and_with_disagreement()
    {
        double Width(params int[] ratings) => Assess(
            ratings.Select((r, i) => Card($"p{i}@x.test", Recommendation.Yes, ("design", r))).ToList())
            .Row("design").Estimate!.UnclampedWidth;

        Assert.True(Width(3) > Width(3, 3));
        Assert.True(Width(3, 3) > Width(3, 3, 3, 3));
        Assert.True(Width(2, 4) > Width(3, 3));
        Assert.True(Width(1, 4, 4, 4) > Width(3, 4, 4, 4));
    }
}
