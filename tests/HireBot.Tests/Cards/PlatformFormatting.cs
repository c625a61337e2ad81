using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HireBot.Cards;
using HireBot.Teams;

namespace HireBot.Tests.Cards;

/// <summary>
/// Renders a bound card for both platforms and checks each one's formatting rules:
/// Slack mrkdwn (no <c>**</c>, &amp; &lt; &gt; escaped, <c>•</c> lists) and Teams TextBlock markdown
/// (no <c>*single*</c> emphasis, no code spans, every line break a <c>\n\n</c> or, between list items, <c>\r</c>).
/// </summary>
internal static partial class PlatformFormatting
{
    public static void AssertRendersNatively(JsonObject card, string kind)
    {
        foreach (var text in TeamsTexts(TeamsCardText.ForTeams((JsonObject)card.DeepClone())))
            AssertTeams(text);
        var translator = new BlockKitTranslator();
        var slack = card.ToJsonString().Contains("\"Input.", StringComparison.Ordinal) ? translator.ToModal(card, kind) : translator.ToMessage(card);
        foreach (var (type, text) in SlackTexts(slack))
            AssertSlack(type, text);
    }

    public static void AssertTeams(string text)
    {
        Assert.DoesNotMatch(SingleStar(), text);
        Assert.DoesNotContain("`", text);
        Assert.DoesNotContain("\n", text.Replace("\n\n", "", StringComparison.Ordinal)); // a lone \n is no line break in Teams
        foreach (var line in text.Split(["\n\n", "\r"], StringSplitOptions.None))
            Assert.False(line.Contains("\n- ", StringComparison.Ordinal) || line.StartsWith('•'), $"list item not on its own line: {line}");
    }

    public static void AssertSlack(string type, string text)
    {
        Assert.DoesNotContain("**", text);
        if (type != "mrkdwn") return;
        Assert.DoesNotContain("<", text);
        Assert.DoesNotContain(">", text);
        Assert.DoesNotMatch(BareAmpersand(), text);
        Assert.DoesNotMatch(DashItem(), text);
    }

    private static IEnumerable<string> TeamsTexts(JsonNode? node) => node switch
    {
        JsonObject o when (string?)o["type"] == "TextBlock" => [(string?)o["text"] ?? ""],
        JsonObject o when (string?)o["type"] == "FactSet" => o["facts"]!.AsArray().SelectMany(f => new[] { (string?)f!["title"] ?? "", (string?)f["value"] ?? "" }),
        JsonObject o => o.SelectMany(p => TeamsTexts(p.Value)),
        JsonArray a => a.SelectMany(TeamsTexts),
        _ => [],
    };

    private static IEnumerable<(string Type, string Text)> SlackTexts(JsonNode? node, string parentType = "mrkdwn") => node switch
    {
        JsonObject o when o["type"] is JsonValue t && (string?)t is "mrkdwn" or "plain_text" && o["text"] is JsonValue v => [((string)t!, (string)v!)],
        JsonObject o when o.Parent is null && o["text"] is JsonValue v => [("mrkdwn", (string)v!), .. SlackTexts(o["blocks"])],
        JsonObject o => o.Where(p => p.Key is not ("value" or "action_id" or "block_id" or "private_metadata" or "initial_value" or "initial_option" or "initial_options" or "options"))
            .SelectMany(p => SlackTexts(p.Value)),
        JsonArray a => a.SelectMany(n => SlackTexts(n)),
        _ => [],
    };

    [GeneratedRegex(@"(?<![*\w])\*[^*\s][^*\n]*\*(?![*\w])")]
    private static partial Regex SingleStar();

    [GeneratedRegex(@"&(?!amp;|lt;|gt;)")]
    private static partial Regex BareAmpersand();

    [GeneratedRegex(@"(^|\n)- ")]
    private static partial Regex DashItem();
}
