using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HireBot.Core.Scorecards;

/// <summary>
/// What a panelist typed into the scorecard, exactly as typed (so a card re-rendered after a
/// validation error loses nothing). Input ids follow cards/README.md: <c>rating.{id}</c>,
/// <c>evidence.{id}</c>, <c>redFlags</c> (comma-joined values), <c>recommendation</c>.
/// </summary>
public sealed record ScorecardForm(
    IReadOnlyDictionary<string, string> Ratings,
    IReadOnlyDictionary<string, string> Evidence,
    string RedFlags,
    string Recommendation)
{
    private static readonly Dictionary<string, Recommendation> Recommendations = new(StringComparer.OrdinalIgnoreCase)
    {
        ["strong_no"] = Core.Scorecards.Recommendation.StrongNo,
        ["no"] = Core.Scorecards.Recommendation.No,
        ["yes"] = Core.Scorecards.Recommendation.Yes,
        ["strong_yes"] = Core.Scorecards.Recommendation.StrongYes,
    };

    public static ScorecardForm Empty(ScorecardShape shape) => new(
        shape.Competencies.ToDictionary(c => c.Id, _ => ""), shape.Competencies.ToDictionary(c => c.Id, _ => ""), "", "");

    public static ScorecardForm Read(JsonObject data, ScorecardShape shape) => new(
        shape.Competencies.ToDictionary(c => c.Id, c => Text(data[$"rating.{c.Id}"])),
        shape.Competencies.ToDictionary(c => c.Id, c => Text(data[$"evidence.{c.Id}"])),
        data["redFlags"] is JsonArray list ? string.Join(',', list.Select(Text)) : Text(data["redFlags"]),
        Text(data["recommendation"]));

    /// <summary>The stored scorecard as a form, to pre-fill an amendment.</summary>
    public static ScorecardForm From(Scorecard s, ScorecardShape shape) => new(
        shape.Competencies.ToDictionary(c => c.Id, c => s.Ratings.FirstOrDefault(r => r.CompetencyId == c.Id)?.Rating.ToString(CultureInfo.InvariantCulture) ?? ""),
        shape.Competencies.ToDictionary(c => c.Id, c => s.Ratings.FirstOrDefault(r => r.CompetencyId == c.Id)?.Evidence ?? ""),
        string.Join(',', shape.RedFlags.Where(o => s.RedFlags.Contains(o.Title, StringComparer.OrdinalIgnoreCase)).Select(o => o.Value)),
        Recommendations.FirstOrDefault(kv => kv.Value == s.Recommendation).Key ?? "");

    /// <summary>
    /// Checks every answer at once: each focus competency needs a rating on the scale and evidence
    /// of at least <paramref name="minEvidenceWords"/> words; a recommendation is required; red flags
    /// must come from the offered list. Returns the scorecard, or the errors to show.
    /// </summary>
    public ScorecardCheck Check(ScorecardShape shape, Guid interviewId, string panelist, DateTimeOffset now, int minEvidenceWords)
    {
        var errors = new Dictionary<string, string>();
        var ratings = new List<CompetencyRating>();
        foreach (var c in shape.Competencies)
        {
            var typed = Ratings.GetValueOrDefault(c.Id, "").Trim();
            var evidence = Evidence.GetValueOrDefault(c.Id, "").Trim();
            var words = evidence.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
            if (!int.TryParse(typed, out var value) || !shape.Scale.Contains(value))
                errors[$"rating.{c.Id}"] = $"Choose a rating from {shape.Scale.Min} to {shape.Scale.Max} for {c.Name}.";
            else if (evidence.Length > Core.InputLimits.EvidenceChars)
                errors[$"evidence.{c.Id}"] = Core.InputLimits.TooLong($"The evidence for {c.Name}", evidence.Length, Core.InputLimits.EvidenceChars) +
                                             " Keep the key observations.";
            else if (words < minEvidenceWords)
                errors[$"evidence.{c.Id}"] = $"Write at least {minEvidenceWords} words of evidence for {c.Name}: what the candidate said or did.";
            else
                ratings.Add(new CompetencyRating(c.Id, value, evidence));
        }
        var competencyErrors = errors.Count;
        var problems = new List<string>();
        if (!Recommendations.TryGetValue(Recommendation.Trim(), out var recommendation))
            problems.Add(errors["recommendation"] = "Choose an overall recommendation.");
        var picked = RedFlags.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var unknown = picked.Where(v => shape.RedFlags.All(o => o.Value != v)).ToList();
        if (unknown.Count > 0) problems.Add(errors["redFlags"] = "Some red flags are not on this round's list; pick from the list.");
        if (errors.Count == 0)
        {
            var flags = shape.RedFlags.Where(o => picked.Contains(o.Value)).Select(o => o.Title).ToList();
            return new ScorecardCheck(new Scorecard(interviewId, panelist, ratings, flags, recommendation, null, now), null, errors);
        }
        var total = competencyErrors + problems.Count;
        var summary = (total == 1 ? "One answer needs" : $"{total} answers need") + " attention before this scorecard can be saved.";
        return new ScorecardCheck(null, string.Join(" ", problems.Prepend(summary)), errors);
    }

    private static string Text(JsonNode? node) => node switch
    {
        null => "",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => node.ToJsonString(),
    };
}
