using HireBot.Core.Charts;
using HireBot.Core.Decisions;
using HireBot.Core.Scorecards;
using static HireBot.Core.Tests.Decisions.PanelFixtures;

namespace HireBot.Core.Tests.Charts;

/// <summary>What goes where on the charts, checked on the model the renderer draws.</summary>
public class ChartModelTests
{
    // design 4, 3; api 2 (one rater); comm 3, 3; own nobody.
    private static PanelAssessment Known() => Assess(
    [
        Card("a@x.test", Recommendation.Yes, ("design", 4), ("api", 2), ("comm", 3)),
        Card("b@x.test", Recommendation.Yes, ("design", 3), ("comm", 3)),
    ]);

    [Fact]
    public void Digest_rows_are_overall_then_each_dimension_with_its_competencies_at_their_estimates()
    {
        var a = Known();
        var model = DigestChart.Model(a, Rubric, DecisionPolicy.Default, "Needs discussion");

        Assert.Equal(["Overall", "Technical", "DESIGN", "API", "Behavioral", "COMM", "OWN"], model.Rows.Select(r => r.Label));
        Assert.Equal([ChartRowKind.Overall, ChartRowKind.Dimension, ChartRowKind.Competency, ChartRowKind.Competency,
            ChartRowKind.Dimension, ChartRowKind.Competency, ChartRowKind.Gap], model.Rows.Select(r => r.Kind));
        Assert.Equal(a.Overall!.Score, model.Rows[0].Point);
        Assert.Equal((a.Overall.Lower, a.Overall.Upper), (model.Rows[0].Low, model.Rows[0].High));
        Assert.Equal(a.Dimensions.Single(d => d.DimensionId == "tech").Estimate!.Score, model.Rows[1].Point);
        foreach (var (id, index) in new[] { ("design", 2), ("api", 3), ("comm", 5) })
        {
            var row = a.Row(id);
            Assert.Equal(row.Estimate!.Score, model.Rows[index].Point);
            Assert.Equal(row.Estimate.Lower, model.Rows[index].Low);
            Assert.Equal(row.Estimate.Upper, model.Rows[index].High);
        }
        // Each panelist's rating as given is a dot on its competency's row.
        Assert.Equal([3.0, 4.0], model.Rows[2].Dots.Order());
        Assert.Equal([2.0], model.Rows[3].Dots);
        // Nobody rated "own": a gap row, no point.
        Assert.Null(model.Rows[6].Point);
        Assert.Empty(model.Rows[6].Dots);
        // Top row highest.
        Assert.True(model.YOf(0) > model.YOf(1));
    }

    [Fact]
    public void Digest_lines_are_the_bars_and_the_alt_text_carries_the_key_figures()
    {
        var a = Known();
        var policy = DecisionPolicy.Default with { HireThreshold = 3.2, NoHireThreshold = 2.4 };
        var model = DigestChart.Model(a, Rubric, policy, "Needs discussion");

        Assert.Contains(model.Lines, l => l.Kind == ChartLineKind.HireBar && l.X == 3.2);
        Assert.Contains(model.Lines, l => l.Kind == ChartLineKind.NoHireBar && l.X == 2.4);
        Assert.True(model.XMin < 1 && model.XMax > 4, "the whole scale is visible");
        Assert.Contains(FormattableString.Invariant($"Overall {a.Overall!.Score:0.0} (90% interval {a.Overall.Lower:0.0} to {a.Overall.Upper:0.0})"), model.AltText);
        Assert.Contains("Hire bar 3.2, no-hire bar 2.4", model.AltText);
        Assert.Contains("Not assessed: OWN.", model.AltText);
    }

    [Fact]
    public void Calibration_rows_are_each_interviewers_leniency_with_its_interval_around_zero()
    {
        var rows = new[]
        {
            new CalibrationRow("raj@x.test", 23, new RaterCalibration("raj@x.test", -0.4, 0.01, 23, -0.45), new AgreementEstimate(null, 0, 0), 5),
            new CalibrationRow("pia@x.test", 2, null, new AgreementEstimate(null, 0, 0), 1),
        };
        var model = CalibrationChart.Model(rows, e => e.Split('@')[0], "Interviewer leniency");

        Assert.Equal(["raj", "pia"], model.Rows.Select(r => r.Label));
        Assert.Equal(-0.4, model.Rows[0].Point);
        Assert.Equal(-0.4 - CalibrationRow.Z90 * 0.1, model.Rows[0].Low!.Value, 9);
        Assert.Equal(-0.4 + CalibrationRow.Z90 * 0.1, model.Rows[0].High!.Value, 9);
        Assert.Equal(ChartRowKind.NotMeasurable, model.Rows[1].Kind);
        Assert.Equal(0, Assert.Single(model.Lines).X);
        Assert.True(model.XMin <= model.Rows[0].Low && model.XMax >= 0.5 && model.XMin == -model.XMax, "symmetric around the panel average");
        Assert.Contains("raj −0.40 (90% interval", model.AltText);
        Assert.Contains("pia: not measurable.", model.AltText);
    }
}
