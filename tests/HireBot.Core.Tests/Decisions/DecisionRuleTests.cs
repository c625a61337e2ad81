using HireBot.Core.Decisions;
using HireBot.Core.Scorecards;
using static HireBot.Core.Tests.Decisions.PanelFixtures;

namespace HireBot.Core.Tests.Decisions;

/// <summary>
/// The unanimous panel (three raters, all 3s on four competencies): overall 3.00. N = 12, C = 4,
/// P = 3: residual SS 0 over 6 df, σ² = 4·0.36/10 = 0.144; the rater reduction R = 0, so
/// τ̂² = −2·0.144/8 = −0.036 and τ² = (0.05·0.1225 − 2·0.036)/2.05 = −0.0321 (the raters show no
/// effect). Overall variance = τ²/3 + σ²·Σw²/3 = 0.00273 (SE 0.052) with ≈ 7.3 df by
/// Welch–Satterthwaite, margin ≈ 0.098: interval 2.90–3.10, width 0.20.
/// </summary>
public class DecisionRuleTests
{
    [Fact]
    public void Unanimous_threes_clear_the_default_hire_bar()
    {
        var assessment = Assess(UnanimousThrees());
        Assert.Equal(Verdict.Hire, assessment.Decision.Verdict);
        Assert.InRange(assessment.Overall!.Margin, 0.09, 0.105); // the hand computation above
        Assert.Null(assessment.Agreement.Alpha); // every rating the same: nothing to compare with chance
        Assert.Equal(12, assessment.Agreement.Ratings);
        Assert.True(assessment.IsComplete);
    }

    [Theory]
    [InlineData(3.1, 2.5, 1.0, 2, 3, Verdict.NeedsDiscussion)] // between the bars
    [InlineData(3.5, 3.2, 1.0, 2, 3, Verdict.NoHire)]          // 3.0 < 3.2 and upper 3.10 < 3.5
    [InlineData(3.0, 2.95, 1.0, 2, 3, Verdict.NeedsDiscussion)] // lower end 2.90 reaches below the no-hire bar
    [InlineData(3.0, 2.5, 0.15, 2, 3, Verdict.NeedsDiscussion)] // width 0.20 > 0.15
    [InlineData(3.0, 2.5, 1.0, 4, 3, Verdict.NeedsDiscussion)] // only 3 panelists
    [InlineData(3.0, 2.5, 1.0, 2, 5, Verdict.NeedsDiscussion)] // only 4 competencies rated
    [InlineData(2.9, 2.5, 1.0, 2, 3, Verdict.Hire)]
    public void Policy_thresholds_move_the_verdict(double hire, double noHire, double maxWidth, int minPanelists, int minCompetencies, Verdict expected)
    {
        var policy = DecisionPolicy.Default with
        {
            HireThreshold = hire, NoHireThreshold = noHire, MaxIntervalWidth = maxWidth,
            MinPanelists = minPanelists, MinAssessedCompetencies = minCompetencies,
        };
        var decision = Assess(UnanimousThrees(), policy).Decision;
        Assert.Equal(expected, decision.Verdict);
        Assert.NotEmpty(decision.Reasons);
    }

    [Theory]
    [InlineData(true, Verdict.NeedsDiscussion)]
    [InlineData(false, Verdict.Hire)]
    public void A_strong_no_blocks_a_hire_when_the_policy_says_so(bool forces, Verdict expected)
    {
        var policy = DecisionPolicy.Default with { StrongNoForcesDiscussion = forces };
        Assert.Equal(expected, Assess(UnanimousThrees(Recommendation.StrongNo), policy).Decision.Verdict);
    }

    [Fact]
    public void No_scorecards_give_needs_discussion_with_everyone_missing()
    {
        var expected = Expect(["a@x.test", "b@x.test"], "design", "api");
        var assessment = PanelAggregator.Assess(Rubric, expected, [], DecisionPolicy.Default);

        Assert.Null(assessment.Overall);
        Assert.Null(assessment.Agreement.Alpha);
        Assert.Equal(0, assessment.Agreement.Ratings);
        Assert.Equal(Verdict.NeedsDiscussion, assessment.Decision.Verdict);
        Assert.Null(assessment.Decision.ProbabilityAtLeastHireBar);
        Assert.False(assessment.IsComplete);
        Assert.Equal(2, assessment.Missing.Count);
        Assert.Equal(["design", "api"], assessment.UnassessedFocusCompetencyIds);
        Assert.Equal(1.0, assessment.UnassessedWeight, 9);
    }

    [Fact]
    public void One_rater_is_never_a_confident_verdict_even_with_top_marks()
    {
        var assessment = Assess([Card("a@x.test", Recommendation.StrongYes, ("design", 4), ("api", 4), ("comm", 4), ("own", 4))]);
        Assert.Equal(Verdict.NeedsDiscussion, assessment.Decision.Verdict);
        Assert.Contains(assessment.Decision.Reasons, r => r.Contains("panelist"));
    }

    [Fact]
    public void A_four_against_one_split_is_flagged_and_discussed()
    {
        var cards = UnanimousThrees().ToList();
        cards[0] = Card("a@x.test", Recommendation.Yes, ("design", 4), ("api", 3), ("comm", 3), ("own", 3));
        cards[1] = Card("b@x.test", Recommendation.No, ("design", 1), ("api", 3), ("comm", 3), ("own", 3));
        cards.RemoveAt(2);
        var assessment = Assess(cards);

        Assert.True(assessment.Row("design").Split);
        Assert.Equal(3, assessment.Row("design").Spread);
        Assert.Equal(Verdict.NeedsDiscussion, assessment.Decision.Verdict);
        Assert.Contains(assessment.Flags, f => f.Kind == RiskFlagKind.HighDisagreement && f.CompetencyId == "design");
        Assert.Equal("design", assessment.ProbeNext[0].CompetencyId);
    }

    [Fact]
    public void An_unusable_policy_is_a_clear_error() =>
        Assert.Contains("ConfidenceLevel", Assert.Throws<ArgumentException>(
            () => Assess(UnanimousThrees(), DecisionPolicy.Default with { ConfidenceLevel = 1.5 })).Message);
}
