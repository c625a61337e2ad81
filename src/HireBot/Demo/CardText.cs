using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace HireBot.Demo;

/// <summary>Renders a bound Adaptive Card as plain text for a terminal: text, facts, inputs and buttons, in order.</summary>
public static class CardText
{
    public static string Render(JsonNode? card)
    {
        var text = new StringBuilder();
        Walk(card?["body"], text, "");
        if (card?["actions"] is JsonArray actions) Buttons(actions, text, "");
        return text.ToString().TrimEnd();
    }

    private static void Walk(JsonNode? node, StringBuilder text, string indent)
    {
        foreach (var element in node as JsonArray ?? [])
        {
            if (element is not JsonObject e) continue;
            switch (e["type"]?.GetValue<string>())
            {
                case "TextBlock" or "RichTextBlock":
                    var line = e["text"]?.GetValue<string>() ?? string.Concat((e["inlines"] as JsonArray ?? []).Select(i => i?["text"]?.GetValue<string>()));
                    if (line.Length > 0) text.Append(indent).AppendLine(e["weight"]?.GetValue<string>() == "Bolder" ? line.ToUpperInvariant() : line);
                    break;
                case "Image":
                    text.Append(indent).AppendLine(CultureInfo.InvariantCulture, $"[chart: {e["url"]}]");
                    break;
                case "FactSet":
                    foreach (var f in e["facts"] as JsonArray ?? []) text.Append(indent).AppendLine(CultureInfo.InvariantCulture, $"{f?["title"]}: {f?["value"]}");
                    break;
                case "Input.Text" or "Input.ChoiceSet" or "Input.Number" or "Input.Toggle" or "Input.Date":
                    var label = e["label"]?.GetValue<string>() ?? e["id"]?.GetValue<string>();
                    var choices = e["choices"] is JsonArray c ? " (" + string.Join(" / ", c.Select(x => x?["title"])) + ")" : "";
                    text.Append(indent).AppendLine(CultureInfo.InvariantCulture, $"[ {label}{choices} ]");
                    break;
                case "ActionSet":
                    Buttons(e["actions"] as JsonArray ?? [], text, indent);
                    break;
                default: // Container, ColumnSet, Column
                    Walk(e["items"], text, indent);
                    Walk(e["columns"], text, indent);
                    break;
            }
        }
    }

    private static void Buttons(JsonArray actions, StringBuilder text, string indent)
    {
        var titles = actions.Select(a => a?["title"]?.GetValue<string>()).Where(t => t is { Length: > 0 }).ToList();
        if (titles.Count > 0) text.Append(indent).AppendLine(string.Join("  ", titles.Select(t => $"[{t}]")));
    }
}
