using HireBot.Core.Decisions;
using HireBot.Core.Scorecards;
using static HireBot.Core.Tests.Decisions.PanelFixtures;

namespace HireBot.Core.Tests.Decisions;

public class RiskFlagTests
{
    private static PanelAssessment Troubled()
    {
        var expected = new List<ExpectedAssessment>
        {
            new(Round1, "a@x.test", ["design", "api"]),
            new(Round1, "b@x.test", ["design", "api"]),
            new(Round2, "c@x.test", ["own"]),
        };
        var a = Card("a@x.test", Recommendation.StrongNo, ("design", 2), ("api", 1)) with { RedFlags = ["Thinks tests are optional"] };
        var b = new Scorecard(Round1, "B@x.test",
            [new("design", 3, "ok"), new("api", 2, Evidence), new("gone", 3, Evidence)],
            [], Recommendation.No, null, At, At.AddHours(1), SawOthersBeforeSubmitting: true);
        return PanelAggregator.Assess(Rubric, expected, [a, b], DecisionPolicy.Default);
    }

    [Theory]
    [InlineData(RiskFlagKind.StrongNo, null, "a@x.test")]
    [InlineData(RiskFlagKind.RedFlagRaised, "api", "a@x.test")]
    [InlineData(RiskFlagKind.RatingWithoutEvidence, "design", "B@x.test")]
    [InlineData(RiskFlagKind.SawOthersBeforeSubmitting, null, "B@x.test")]
    [InlineData(RiskFlagKind.MissingScorecard, null, "c@x.test")]
    [InlineData(RiskFlagKind.FocusCompetencyUnassessed, "own", null)]
    [InlineData(RiskFlagKind.RatingIgnored, "gone", "B@x.test")]
    public void Each_risk_is_flagged_with_what_it_concerns(RiskFlagKind kind, string? competency, string? panelist) =>
        Assert.Contains(Troubled().Flags, f => f.Kind == kind && f.CompetencyId == competency && f.PanelistEmail == panelist);

    [Fact]
    public void A_panel_without_problems_raises_no_flags() => Assert.Empty(Assess(UnanimousThrees()).Flags);

    [Fact]
    public void Missing_panelists_make_the_assessment_incomplete()
    {
        var assessment = Troubled();
        Assert.False(assessment.IsComplete);
        Assert.Equal([new MissingScorecard(Round2, "c@x.test")], assessment.Missing);
    }

    [Fact]
    public void Probe_next_lists_unassessed_focus_competencies_first_then_the_weakest_evidence()
    {
        var probe = Troubled().ProbeNext;
        Assert.Equal(3, probe.Count);
        Assert.Equal("own", probe[0].CompetencyId);
        Assert.Equal("comm", probe[1].CompetencyId);
        Assert.All(probe, p => Assert.False(string.IsNullOrWhiteSpace(p.Reason)));
    }
}
