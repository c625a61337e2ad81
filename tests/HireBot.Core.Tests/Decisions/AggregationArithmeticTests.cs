using HireBot.Core.Decisions;
using HireBot.Core.Scorecards;
using static HireBot.Core.Tests.Decisions.PanelFixtures;

namespace HireBot.Core.Tests.Decisions;

/// <summary>Aggregation checked against arithmetic done by hand (default policy: ν₀ = 5, s₀² = 0.36, cap 8).</summary>
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

        // mean 3, SS = 1 + 0 + 1 = 2 (2 df).
        // Panel prior: (5·0.36 + 2) / (5 + 2) = 3.8 / 7, worth min(7, 8) = 7 observations.
        // Competency: s² = (7·3.8/7 + 2) / (7 + 2) = 5.8 / 9 = 0.64444, df 9.
        // SE = √(0.64444 / 3) = 0.463481; t(9, 0.95) = 1.833113; margin 0.849624.
        Assert.Equal(3, row.Estimate!.Score, 9);
        Assert.Equal(9, row.Estimate.DegreesOfFreedom, 9);
        Assert.Equal(0.463481, row.Estimate.StandardError, 5);
        Assert.Equal(2.150376, row.Estimate.Lower, 4);
        Assert.Equal(3.849624, row.Estimate.Upper, 4);
        // Pairwise |differences| 1, 2, 1: mean 4/3, over range 3 → 4/9; agreement 5/9.
        Assert.Equal(5.0 / 9, row.Agreement!.Value, 9);
        Assert.Equal(2, row.Spread);
        Assert.Equal(3, row.Raters);
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

        // No disagreement: SS = 0 over 3 df. Panel prior 1.8 / 8 = 0.225 worth 8.
        // Each competency: s² = 8·0.225 / 9 = 0.2, SE² = 0.2 / 2 = 0.1, df 9.
        // Overall variance = 0.1·(0.4² + 0.2² + 0.4²) = 0.036, SE = 0.189737.
        // Welch–Satterthwaite df = 0.036² / ((0.016² + 0.004² + 0.016²) / 9) = 22.0909.
        // t(22.09, 0.95) ≈ 1.7169, margin ≈ 0.3258.
        Assert.Equal(0.189737, assessment.Overall.StandardError, 5);
        Assert.Equal(22.0909, assessment.Overall.DegreesOfFreedom, 3);
        Assert.Equal(0.3258, assessment.Overall.Margin, 3);
    }

    [Fact]
    public void A_single_rater_gets_the_prior_width_clamped_to_the_scale()
    {
        var assessment = Assess([Card("a@x.test", Recommendation.Yes, ("api", 3))]);
        var estimate = assessment.Row("api").Estimate!;

        // No pooled disagreement: s² = 0.36 with 5 df; SE = 0.6; t(5, 0.95) = 2.015048; margin 1.209029.
        Assert.Equal(1.209029, estimate.Margin, 5);
        Assert.Equal(1.790971, estimate.Lower, 5);
        Assert.Equal(4, estimate.Upper);
        Assert.Null(assessment.Row("api").Agreement);
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
