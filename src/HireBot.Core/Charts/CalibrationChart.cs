using HireBot.Core.Decisions;

namespace HireBot.Core.Charts;

/// <summary>
/// <c>calibration &lt;role&gt;</c> as a picture: one row per interviewer, their leniency (points above
/// or below the other panelists on the same candidates and competencies) with its 90% interval,
/// around a line at 0 (the panel average). Interviewers without comparable history are rows marked
/// "not measurable". <paramref name="nameOf"/> gives the label for an interviewer's email.
/// </summary>
public static class CalibrationChart
{
    public static ChartModel Model(IReadOnlyList<CalibrationRow> interviewers, Func<string, string> nameOf, string title)
    {
        var rows = interviewers.Select(r => r.Leniency is { } l && r.Interval is var (lo, hi)
            ? new ChartRow(nameOf(r.Panelist), ChartRowKind.Interviewer, l.Leniency, lo, hi, [])
            : new ChartRow(nameOf(r.Panelist), ChartRowKind.NotMeasurable, null, null, null, [])).ToList();
        // Symmetric around 0 so "above" and "below" look alike, in quarter points, at least ±0.5.
        var reach = rows.Where(r => r.HasEstimate).SelectMany(r => new[] { Math.Abs(r.Low!.Value), Math.Abs(r.High!.Value) }).DefaultIfEmpty(0).Max();
        var half = Math.Max(0.5, Math.Ceiling(reach * 4) / 4);
        var step = half <= 0.5 ? 0.25 : half <= 1.5 ? 0.5 : 1;
        var ticks = new List<(double, string)>();
        for (var x = -Math.Floor(half / step) * step; x <= half + 1e-9; x += step)
            ticks.Add((x, Math.Abs(x) < 1e-9 ? "0" : CalibrationReport.Signed(x).Replace(".00", "", StringComparison.Ordinal)));
        var alt = title + ". " + string.Join(" ", rows.Select(r => r.HasEstimate
            ? DigestChart.F($"{r.Label} {CalibrationReport.Signed(r.Point!.Value)} (90% interval {CalibrationReport.Signed(r.Low!.Value)} to {CalibrationReport.Signed(r.High!.Value)}).")
            : $"{r.Label}: not measurable."));
        return new ChartModel(title, "Leniency: points above (+) or below (−) the other panelists (90% interval)",
            -half - 0.05, half + 0.05, ticks, rows, [new ChartLine(0, "Panel average", ChartLineKind.Zero)], alt);
    }
}
