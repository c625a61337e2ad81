using System.Globalization;

namespace HireBot.Core.Decisions;

/// <summary>
/// Suggests where a final round should probe: the competencies with the weakest evidence.
/// Unassessed ones come first (focus competencies first, then in rubric order), then assessed
/// ones by widest interval, fewest raters and largest spread.
/// </summary>
internal static class ProbeNextRanker
{
    public static IReadOnlyList<ProbeSuggestion> Rank(IReadOnlyList<CompetencyRow> rows, DecisionPolicy policy)
    {
        var unassessed = rows
            .Where(r => r.Raters == 0)
            .OrderByDescending(r => r.IsFocus) // stable sort: rubric order within each group
            .Select(r => new ProbeSuggestion(r.CompetencyId, r.Name, r.IsFocus ? "Focus competency nobody rated." : "Not covered by any interview of the loop."));
        var assessed = rows
            .Where(r => r.Estimate is not null)
            .OrderByDescending(r => r.Estimate!.UnclampedWidth)
            .ThenBy(r => r.Raters)
            .ThenByDescending(r => r.Spread)
            .Select(r => new ProbeSuggestion(r.CompetencyId, r.Name, Reason(r)));
        return unassessed.Concat(assessed).Take(policy.ProbeNextCount).ToList();
    }

    private static string Reason(CompetencyRow row)
    {
        var e = row.Estimate!;
        var interval = string.Create(CultureInfo.InvariantCulture, $"{e.ConfidenceLevel * 100:0}% interval {e.Lower:0.0}–{e.Upper:0.0}");
        return row.Raters == 1
            ? $"Only one rater; {interval}."
            : string.Create(CultureInfo.InvariantCulture, $"{row.Raters} raters, ratings {row.Ratings.Min():0.#} to {row.Ratings.Max():0.#}; {interval}.");
    }
}
