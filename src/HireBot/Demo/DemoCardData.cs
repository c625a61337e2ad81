using System.Text.Json.Nodes;

namespace HireBot.Demo;

/// <summary>Reads back from a bound scorecard card what a simulated panelist needs: the interview id and the competencies to rate.</summary>
public static class DemoCardData
{
    public static JsonObject From(JsonNode card)
    {
        var interviewId = All(card).FirstOrDefault(n => n["verb"]?.GetValue<string>() == "scorecard.submit")?["data"]?["interviewId"]?.DeepClone();
        var competencies = All(card)
            .Where(n => n["id"]?.GetValue<string>() is { } id && id.StartsWith("rating.", StringComparison.Ordinal))
            .Select(n => (JsonNode)new JsonObject
            {
                ["id"] = n["id"]!.GetValue<string>()["rating.".Length..],
                ["name"] = (n["label"]?.GetValue<string>() ?? "").Replace("Rating: ", ""),
            });
        return new JsonObject { ["interviewId"] = interviewId, ["competencies"] = new JsonArray(competencies.ToArray()) };
    }

    private static IEnumerable<JsonObject> All(JsonNode? node) => node switch
    {
        JsonObject o => new[] { o }.Concat(o.SelectMany(p => All(p.Value))),
        JsonArray a => a.SelectMany(All),
        _ => [],
    };
}
