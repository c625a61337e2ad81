using HireBot.Core.Charts;
using ScottPlot;

namespace HireBot.Charts;

/// <summary>A rendered chart: the PNG and its size in pixels, with where each row's point landed (for tests).</summary>
public sealed record RenderedChart(byte[] Png, int Width, int Height, IReadOnlyList<(float X, float Y)?> PointPixels);

/// <summary>
/// Draws a <see cref="ChartModel"/> with ScottPlot 5 (SkiaSharp, headless) as a PNG sized for chat:
/// 640 points wide at twice the pixel density, so Teams and Slack, which show an image about 400 to
/// 600 pixels wide in a message, scale it down and keep the 13-point labels legible. Colours are from
/// the Okabe–Ito palette (distinguishable with every common colour-vision deficiency), and every mark
/// also differs in shape or line pattern. Fonts come from <see cref="ChartFonts"/>.
/// </summary>
public sealed class ChartRenderer(ChartFonts fonts)
{
    public const int LogicalWidth = 640;
    public const double Density = 2;
    private const int RowHeight = 26;
    private const int Chrome = 150; // title, x axis with its label, legend

    public static readonly Color Blue = Color.FromHex("#0072B2");
    public static readonly Color Green = Color.FromHex("#009E73");
    public static readonly Color Vermillion = Color.FromHex("#D55E00");
    public static readonly Color Black = Color.FromHex("#000000");
    public static readonly Color Grey = Color.FromHex("#767676");

    public static int HeightFor(ChartModel model) => Chrome + RowHeight * Math.Max(model.Rows.Count, 1);

    public RenderedChart Render(ChartModel model)
    {
        var plot = new Plot { ScaleFactor = Density };
        fonts.Apply(plot);
        plot.Title(model.Title, size: 15);
        plot.XLabel(model.XLabel, size: 12);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            model.XTicks.Select(t => t.X).ToArray(), model.XTicks.Select(t => t.Label).ToArray());
        plot.Axes.Bottom.TickLabelStyle.FontSize = 12;
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            model.Rows.Select((_, i) => model.YOf(i)).ToArray(), model.Rows.Select(Label).ToArray());
        plot.Axes.Left.TickLabelStyle.FontSize = 13;
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Grid.YAxisStyle.MajorLineStyle.Width = 0;
        plot.Axes.Right.FrameLineStyle.Width = 0;
        plot.Axes.Right.MinimumSize = 56; // room for the last x tick label
        plot.Axes.Top.IsVisible = false;

        foreach (var line in model.Lines)
        {
            var v = plot.Add.VerticalLine(line.X, 2, line.Kind switch
            {
                ChartLineKind.HireBar => Green,
                ChartLineKind.NoHireBar => Vermillion,
                _ => Grey,
            }, line.Kind == ChartLineKind.NoHireBar ? LinePattern.Dashed : line.Kind == ChartLineKind.HireBar ? LinePattern.Solid : LinePattern.Dotted);
            v.LegendText = line.Label;
        }

        var pixels = new List<Coordinates?>();
        var legendPoint = false;
        var legendDot = false;
        for (var i = 0; i < model.Rows.Count; i++)
        {
            var row = model.Rows[i];
            var y = model.YOf(i);
            if (row.Point is not { } point)
            {
                var text = plot.Add.Text(row.Kind == ChartRowKind.NotMeasurable ? "not measurable" : "not assessed", model.XMin + 0.05 * (model.XMax - model.XMin), y);
                text.LabelFontSize = 12;
                text.LabelItalic = true;
                text.LabelFontColor = Grey;
                text.LabelAlignment = Alignment.MiddleLeft;
                pixels.Add(null);
                continue;
            }
            var colour = row.Kind is ChartRowKind.Overall or ChartRowKind.Dimension ? Black : Blue;
            var interval = plot.Add.Line(row.Low!.Value, y, row.High!.Value, y);
            interval.LineWidth = row.Kind == ChartRowKind.Overall ? 4 : 2.5f;
            interval.LineColor = colour;
            interval.MarkerSize = 0;
            foreach (var (x, dy) in Spread(row.Dots))
            {
                var dot = plot.Add.Marker(x, y - 0.3 + dy, MarkerShape.FilledCircle, 6, Grey.WithAlpha(0.55));
                if (!legendDot) { dot.LegendText = "A panelist's rating"; legendDot = true; }
            }
            var marker = plot.Add.Marker(point, y, row.Kind == ChartRowKind.Competency || row.Kind == ChartRowKind.Interviewer ? MarkerShape.FilledCircle : MarkerShape.FilledDiamond,
                row.Kind == ChartRowKind.Overall ? 14 : 10, colour);
            if (!legendPoint) { marker.LegendText = "Estimate, 90% interval"; legendPoint = true; }
            pixels.Add(new Coordinates(point, y));
        }

        plot.Axes.SetLimits(model.XMin, model.XMax, -0.6, model.Rows.Count - 0.4);
        plot.ShowLegend(Edge.Bottom);
        plot.Legend.FontSize = 12;
        plot.Legend.Orientation = Orientation.Horizontal;

        var (width, height) = ((int)(LogicalWidth * Density), (int)(HeightFor(model) * Density));
        var png = plot.GetImageBytes(width, height, ImageFormat.Png);
        var at = pixels.Select(c => c is { } p ? ((float X, float Y)?)(plot.GetPixel(p).X, plot.GetPixel(p).Y) : null).ToList();
        return new RenderedChart(png, width, height, at);
    }

    /// <summary>Rows of the overall score and the dimensions are headings; competencies are indented under them.</summary>
    private static string Label(ChartRow row) => row.Kind switch
    {
        ChartRowKind.Overall or ChartRowKind.Dimension => row.Label.ToUpperInvariant(),
        ChartRowKind.Gap when row.Point is null && row.Dots.Count == 0 && !row.Label.Any(char.IsLower) => row.Label,
        ChartRowKind.Competency or ChartRowKind.Gap => "   " + row.Label,
        _ => row.Label,
    };

    /// <summary>Equal ratings side by side vertically, so two panelists who gave a 3 show as two dots.</summary>
    private static IEnumerable<(double X, double Dy)> Spread(IReadOnlyList<double> dots) =>
        dots.GroupBy(d => d).SelectMany(g => g.Select((x, k) => (x, (k - (g.Count() - 1) / 2.0) * 0.14)));
}
