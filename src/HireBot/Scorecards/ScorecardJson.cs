using System.Text.Json.Nodes;
using HireBot.Core.Scorecards;

namespace HireBot.Scorecards;

/// <summary>
/// The stored shapes of a scorecard: the <c>ratings</c> column and the full version kept in
/// <c>scorecard_audit.before/after</c>, so the audit trail shows exactly what changed.
/// </summary>
public static class ScorecardJson
{
    public static JsonArray Ratings(IEnumerable<CompetencyRating> ratings) =>
        new(ratings.Select(r => (JsonNode)new JsonObject
            { ["competencyId"] = r.CompetencyId, ["rating"] = r.Rating, ["evidence"] = r.Evidence }).ToArray());

    public static IReadOnlyList<CompetencyRating> ReadRatings(string json) =>
        JsonNode.Parse(json)!.AsArray().Select(n => new CompetencyRating(
            n!["competencyId"]!.GetValue<string>(), n["rating"]!.GetValue<int>(), n["evidence"]!.GetValue<string>())).ToList();

    /// <summary>One audited version: everything a panelist can change, plus when and whether they had seen others.</summary>
    public static JsonObject Version(Scorecard s) => new()
    {
        ["ratings"] = Ratings(s.Ratings),
        ["redFlags"] = new JsonArray(s.RedFlags.Select(f => (JsonNode)JsonValue.Create(f)!).ToArray()),
        ["recommendation"] = s.Recommendation.ToString(),
        ["notes"] = s.Notes,
        ["submittedAt"] = s.SubmittedAt,
        ["amendedAt"] = s.AmendedAt,
        ["sawOthers"] = s.SawOthersBeforeSubmitting,
    };
}
