namespace HireBot.Core.Charts;

/// <summary>What a row of a chart is: the overall score, a dimension, a competency, a competency nobody assessed, or an interviewer.</summary>
public enum ChartRowKind { Overall, Dimension, Competency, Gap, Interviewer, NotMeasurable }

/// <summary>
/// One horizontal row: a label, the estimate as a point with its interval (none for a gap), and the
/// individual ratings behind it as faint dots (the panelists' ratings as given).
/// </summary>
public sealed record ChartRow(string Label, ChartRowKind Kind, double? Point, double? Low, double? High, IReadOnlyList<double> Dots)
{
    public bool HasEstimate => Point is not null;
}

/// <summary>A vertical reference line: the hire bar, the no-hire bar, the panel average.</summary>
public sealed record ChartLine(double X, string Label, ChartLineKind Kind);

public enum ChartLineKind { HireBar, NoHireBar, Zero }

/// <summary>
/// What goes where on a chart, decided without drawing: rows top to bottom, the x range, the
/// reference lines and the text that describes the picture for screen readers. <c>ChartRenderer</c>
/// (in the bot) draws it; tests check the model and the pixels. Row <c>i</c> sits at y = <see cref="YOf"/>(i).
/// </summary>
public sealed record ChartModel(
    string Title,
    string XLabel,
    double XMin,
    double XMax,
    IReadOnlyList<(double X, string Label)> XTicks,
    IReadOnlyList<ChartRow> Rows,
    IReadOnlyList<ChartLine> Lines,
    string AltText)
{
    /// <summary>The y coordinate of row <paramref name="index"/>: the first row on top.</summary>
    public double YOf(int index) => Rows.Count - 1 - index;
}
