using HireBot.Charts;
using HireBot.Core.Charts;
using HireBot.Core.Decisions;
using HireBot.Core.Rubrics;
using HireBot.Core.Scorecards;
using SkiaSharp;

namespace HireBot.Tests.Charts;

/// <summary>The PNG itself: it decodes, has the size the renderer promises, shows text, and has its points where the scores are.</summary>
public class ChartRenderingTests
{
    private static readonly ChartRenderer Renderer = new(new ChartFonts());

    private static readonly Rubric Rubric = new(
    [
        new Dimension("tech", "Technical", 60, [Competency("design"), Competency("api")]),
        new Dimension("behav", "Behavioral", 40, [Competency("comm"), Competency("own")]),
    ], RatingScale.FourPoint);

    private static Competency Competency(string id) => new(id, id.ToUpperInvariant(), $"About {id}.", $"Strong {id}.", ["A red flag"], 1);

    private static Scorecard Card(string panelist, params (string Id, int Rating)[] ratings) =>
        new(Guid.Empty, panelist, ratings.Select(r => new CompetencyRating(r.Id, r.Rating, "Walked through the trade-offs with numbers.")).ToList(),
            [], Recommendation.Yes, null, DateTimeOffset.UnixEpoch);

    /// <summary>design 4, 4, 3; api 2, 2; comm 3; own nobody: scores spread over the scale, and a gap.</summary>
    private static ChartModel KnownPanel()
    {
        Scorecard[] cards =
        [
            Card("a@x.test", ("design", 4), ("api", 2), ("comm", 3)),
            Card("b@x.test", ("design", 4), ("api", 2)),
            Card("c@x.test", ("design", 3)),
        ];
        var expected = cards.Select(c => new ExpectedAssessment(Guid.Empty, c.PanelistEmail, ["design", "api", "comm", "own"])).ToList();
        var a = PanelAggregator.Assess(Rubric, expected, cards, DecisionPolicy.Default);
        return DigestChart.Model(a, Rubric, DecisionPolicy.Default, "Needs discussion · score 3.1");
    }

    [Fact]
    public void The_png_decodes_at_the_promised_size()
    {
        var model = KnownPanel();
        var chart = Renderer.Render(model);
        using var bitmap = SKBitmap.Decode(chart.Png);

        Assert.NotNull(bitmap);
        Assert.Equal(1280, bitmap.Width);
        Assert.Equal((int)(ChartRenderer.HeightFor(model) * ChartRenderer.Density), bitmap.Height);
        Assert.Equal((bitmap.Width, bitmap.Height), (chart.Width, chart.Height));
    }

    [Fact]
    public void Every_point_is_drawn_where_its_score_is_and_nowhere_else_on_its_row()
    {
        var model = KnownPanel();
        var chart = Renderer.Render(model);
        using var bitmap = SKBitmap.Decode(chart.Png);
        var rows = model.Rows.Select((r, i) => (Row: r, Pixel: chart.PointPixels[i])).ToList();

        // The x pixel of each point is a linear function of its score (one scale for every row) ...
        var (first, last) = (rows.First(r => r.Row.HasEstimate), rows.Last(r => r.Row.HasEstimate));
        var perPoint = (last.Pixel!.Value.X - first.Pixel!.Value.X) / (last.Row.Point!.Value - first.Row.Point!.Value);
        Assert.True(perPoint > 100, $"one scale point is {perPoint} pixels");
        foreach (var (row, pixel) in rows.Where(r => r.Row.HasEstimate))
        {
            Assert.Equal(first.Pixel.Value.X + (row.Point!.Value - first.Row.Point.Value) * perPoint, pixel!.Value.X, 1.0);
            // ... and the marker is there: just above the centre (inside the marker, clear of the interval line) ...
            var colour = row.Kind is ChartRowKind.Competency ? ChartRenderer.Blue : ChartRenderer.Black;
            Assert.True(Near(bitmap.GetPixel((int)pixel.Value.X, (int)pixel.Value.Y - 7), colour), $"{row.Label}: no point at its score {row.Point}");
            // ... and not half a point to either side.
            foreach (var off in new[] { -0.5, 0.5 })
                Assert.False(Near(bitmap.GetPixel((int)(pixel.Value.X + off * perPoint), (int)pixel.Value.Y - 7), colour), $"{row.Label}: a point at {row.Point + off}");
        }
        // The gap has no point, only its words.
        Assert.Null(rows.Single(r => r.Row.Label == "OWN").Pixel);
    }

    [Fact]
    public void Text_renders_headless()
    {
        var chart = Renderer.Render(KnownPanel());
        using var bitmap = SKBitmap.Decode(chart.Png);
        // The title band (top 50 pixels) has glyphs: dark pixels that no mark of the plot puts there.
        var dark = 0;
        for (var y = 0; y < 50; y++)
            for (var x = 0; x < bitmap.Width; x++)
                if (bitmap.GetPixel(x, y) is var c && c.Red < 90 && c.Green < 90 && c.Blue < 90) dark++;
        Assert.True(dark > 300, $"only {dark} dark pixels in the title band: fonts did not load ({new ChartFonts().RegularFile ?? "no font file"})");
    }

    private static bool Near(SKColor pixel, ScottPlot.Color colour) =>
        Math.Abs(pixel.Red - colour.R) + Math.Abs(pixel.Green - colour.G) + Math.Abs(pixel.Blue - colour.B) < 40;
}
