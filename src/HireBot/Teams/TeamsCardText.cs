using System.Text.Json.Nodes;
using HireBot.Cards;

namespace HireBot.Teams;

/// <summary>
/// Card text for Teams. Features write <see cref="NeutralText"/> (<c>**bold**</c>, <c>`code`</c>, one line
/// per line, <c>- </c> list items); Teams TextBlock and fact markdown needs <c>\n\n</c> between lines and
/// <c>\r</c> between list items, and has no code spans, so <see cref="NeutralText.ToTeams"/> rewrites them.
/// Teams also drops anything that looks like an HTML tag, so a usage line such as
/// <c>schedule &lt;candidate&gt;</c> would lose its placeholder (seen in Microsoft 365 Agents Playground):
/// angle brackets in displayed text become ‹ › before sending. Input values (what a panelist typed) are
/// left exactly as they are.
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
                if (type is "TextBlock") Replace(o, "text", markdown: true);
                if (type is "TextRun") Replace(o, "text", markdown: false); // RichTextBlock runs take no markdown
                if (type is null && o.ContainsKey("title") && o.ContainsKey("value") && o.Parent is JsonArray { Parent: JsonObject { } set }
                    && set["type"]?.GetValue<string>() == "FactSet")
                {
                    Replace(o, "title", markdown: true);
                    Replace(o, "value", markdown: true);
                }
                foreach (var (_, child) in o.ToList()) Walk(child);
                break;
            case JsonArray a:
                foreach (var child in a.ToList()) Walk(child);
                break;
        }
    }

    private static void Replace(JsonObject o, string property, bool markdown)
    {
        if (o[property] is not JsonValue v || !v.TryGetValue<string>(out var text)) return;
        var shown = markdown ? NeutralText.ToTeams(text) : text;
        o[property] = shown.Replace('<', '‹').Replace('>', '›');
    }
}
