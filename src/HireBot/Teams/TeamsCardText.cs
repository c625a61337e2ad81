using System.Text.Json.Nodes;

namespace HireBot.Teams;

/// <summary>
/// Teams renders card text as a markdown subset and drops anything that looks like an HTML tag,
/// so a usage line such as <c>schedule &lt;candidate&gt;</c> loses its placeholder (seen in
/// Microsoft 365 Agents Playground). Angle brackets in displayed text become ‹ › before sending;
/// input values (what a panelist typed) are left exactly as they are.
/// </summary>
public static class TeamsCardText
{
    public static JsonObject ForTeams(JsonObject card)
    {
        Walk(card);
        return card;
    }

    private static void Walk(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                var type = o["type"]?.GetValue<string>();
                if (type is "TextBlock" or "TextRun") Replace(o, "text");
                if (type is null && o.ContainsKey("title") && o.ContainsKey("value") && o.Parent is JsonArray { Parent: JsonObject { } set }
                    && set["type"]?.GetValue<string>() == "FactSet")
                {
                    Replace(o, "title");
                    Replace(o, "value");
                }
                foreach (var (_, child) in o.ToList()) Walk(child);
                break;
            case JsonArray a:
                foreach (var child in a.ToList()) Walk(child);
                break;
        }
    }

    private static void Replace(JsonObject o, string property)
    {
        if (o[property] is JsonValue v && v.TryGetValue<string>(out var text) && (text.Contains('<') || text.Contains('>')))
            o[property] = text.Replace('<', '‹').Replace('>', '›');
    }
}
