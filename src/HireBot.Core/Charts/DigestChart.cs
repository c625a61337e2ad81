using System.Globalization;
using HireBot.Core.Decisions;
using HireBot.Core.Rubrics;

namespace HireBot.Core.Charts;

/// <summary>
/// The digest as a picture: the overall score on top, then per dimension (in the rubric's order) the
/// dimension's score and one row per competency, each as a point with its 90% interval and the
/// panelists' ratings as faint dots; competencies nobody rated are rows marked "not assessed"; the
/// hire and no-hire bars are vertical lines. No candidate appears in it: the caller gives the title.
/// </summary>
public static class DigestChart
{
    public static ChartModel Model(PanelAssessment a, Rubric rubric, DecisionPolicy policy, string title)
    {
        var rows = new List<ChartRow> { Row("Overall", ChartRowKind.Overall, a.Overall, []) };
        foreach (var dimension in rubric.Dimensions)
        {
            var dim = a.Dimensions.FirstOrDefault(d => d.DimensionId.Equals(dimension.Id, StringComparison.OrdinalIgnoreCase));
            var competencies = a.Competencies.Where(c => c.DimensionId.Equals(dimension.Id, StringComparison.OrdinalIgnoreCase)).ToList();
            if (competencies.Count == 0) continue;
            rows.Add(Row(dimension.Name, dim?.Estimate is null ? ChartRowKind.Gap : ChartRowKind.Dimension, dim?.Estimate, []));
            foreach (var c in competencies)
                rows.Add(c.Estimate is null || c.Raters == 0
                    ? new ChartRow(c.Name, ChartRowKind.Gap, null, null, null, [])
                    : Row(c.Name, ChartRowKind.Competency, c.Estimate, c.Ratings));
        }
        var lines = new List<ChartLine>
        {
            new(policy.NoHireThreshold, F($"No-hire bar {policy.NoHireThreshold:0.0#}"), ChartLineKind.NoHireBar),
            new(policy.HireThreshold, F($"Hire bar {policy.HireThreshold:0.0#}"), ChartLineKind.HireBar),
        };
        var ticks = rubric.Scale.Anchors.OrderBy(x => x.Value).Select(x => ((double)x.Value, $"{x.Value} {x.Label}")).ToList();
        return new ChartModel(title, "Score (point: estimate · bar: 90% interval · dots: ratings)",
            rubric.Scale.Min - 0.15, rubric.Scale.Max + 0.15, ticks, rows, lines, AltText(title, rows, policy));
    }

    private static ChartRow Row(string label, ChartRowKind kind, ScoreEstimate? e, IReadOnlyList<double> dots) =>
        e is null ? new(label, ChartRowKind.Gap, null, null, null, []) : new(label, kind, e.Score, e.Lower, e.Upper, dots);

    /// <summary>The key figures in words: the overall score and each dimension with intervals, the bars, and what was not assessed.</summary>
    private static string AltText(string title, IReadOnlyList<ChartRow> rows, DecisionPolicy policy)
    {
        var parts = new List<string> { title + "." };
        parts.AddRange(rows.Where(r => r.Kind is ChartRowKind.Overall or ChartRowKind.Dimension && r.HasEstimate)
            .Select(r => F($"{r.Label} {r.Point:0.0} (90% interval {r.Low:0.0} to {r.High:0.0}).")));
        parts.Add(F($"Hire bar {policy.HireThreshold:0.0#}, no-hire bar {policy.NoHireThreshold:0.0#}."));
        var gaps = rows.Where(r => r.Kind == ChartRowKind.Gap).Select(r => r.Label).ToList();
        if (gaps.Count > 0) parts.Add("Not assessed: " + string.Join(", ", gaps) + ".");
        return string.Join(" ", parts);
    }

    internal static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
