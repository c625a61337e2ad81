using System.Text.Json.Nodes;

namespace HireBot.Cards;

/// <summary>
/// Turns Adaptive Card body elements into Block Kit blocks. Adjacent plain TextBlocks share one
/// section, so long lists stay well inside the block budget. Anything without a faithful Block Kit
/// form throws <see cref="BlockKitTranslationException"/>.
/// </summary>
internal sealed class BlockKitBodyWriter(bool allowInputs)
{
    private readonly List<string> _pendingText = [];
    private int _pendingLength;

    public List<JsonObject> Blocks { get; } = [];

    public void WriteElements(JsonArray? elements)
    {
        foreach (var element in elements ?? [])
        {
            if (element is not JsonObject e)
                throw new BlockKitTranslationException("A card body item is not an object.");
            WriteElement(e);
        }
    }

    public void Flush()
    {
        if (_pendingText.Count == 0)
            return;
        var text = string.Join("\n", _pendingText);
        if (!string.IsNullOrWhiteSpace(text)) // Slack rejects an empty section
            Blocks.Add(Section(text));
        _pendingText.Clear();
        _pendingLength = 0;
    }

    public void WriteActions(JsonArray actions)
    {
        Flush();
        var elements = new JsonArray();
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var action in actions.Take(BlockKitLimits.ActionsElements))
            elements.Add(BlockKitElements.Button((JsonObject)action!, used));
        if (elements.Count > 0)
            Blocks.Add(new JsonObject { ["type"] = "actions", ["elements"] = elements });
    }

    private void WriteElement(JsonObject element)
    {
        var type = Str(element, "type");
        if (element["separator"]?.GetValue<bool>() == true && (Blocks.Count > 0 || _pendingText.Count > 0))
        {
            Flush();
            Blocks.Add(new JsonObject { ["type"] = "divider" });
        }
        switch (type)
        {
            case "TextBlock":
                WriteText(element);
                break;
            case "FactSet":
                WriteFacts(element["facts"] as JsonArray ?? []);
                break;
            case "Container":
                WriteElements(element["items"] as JsonArray);
                break;
            case "Image":
                Flush();
                Blocks.Add(BlockKitElements.Image(element));
                break;
            case "ActionSet":
                WriteActions(element["actions"] as JsonArray ?? []);
                break;
            case "Input.Text" or "Input.ChoiceSet" when allowInputs:
                Flush();
                if (BlockKitElements.Input(element) is { } input)
                    Blocks.Add(input);
                break;
            case "Input.Text" or "Input.ChoiceSet":
                throw new BlockKitTranslationException($"Input '{Str(element, "id")}' cannot appear in a Slack message; translate this card as a modal.");
            default:
                throw new BlockKitTranslationException($"Adaptive Card element '{type}' has no Block Kit translation.");
        }
    }

    private void WriteText(JsonObject element)
    {
        var text = Str(element, "text");
        if (string.IsNullOrWhiteSpace(text))
            return; // Slack rejects empty text objects
        if (Str(element, "style") == "heading")
        {
            Flush();
            Blocks.Add(new JsonObject { ["type"] = "header", ["text"] = BlockKitElements.Plain(NeutralText.ToPlain(text), BlockKitLimits.HeaderText) });
            return;
        }
        var bolder = string.Equals(Str(element, "weight"), "bolder", StringComparison.OrdinalIgnoreCase);
        var mrkdwn = bolder ? NeutralText.ToSlackBold(text) : NeutralText.ToSlack(text);
        if (element["isSubtle"]?.GetValue<bool>() == true)
        {
            Flush();
            Blocks.Add(new JsonObject
            {
                ["type"] = "context",
                ["elements"] = new JsonArray(BlockKitElements.Mrkdwn(mrkdwn, BlockKitLimits.ContextText)),
            });
            return;
        }
        var line = mrkdwn;
        if (_pendingLength + line.Length + 1 > BlockKitLimits.SectionText)
            Flush();
        _pendingText.Add(line);
        _pendingLength += line.Length + 1;
    }

    private void WriteFacts(JsonArray facts)
    {
        Flush();
        var fields = facts.OfType<JsonObject>()
            .Select(f => BlockKitElements.Mrkdwn(
                $"{NeutralText.ToSlackBold(Str(f, "title"))}\n{NeutralText.ToSlack(Str(f, "value"))}", BlockKitLimits.FieldText))
            .ToList();
        foreach (var chunk in fields.Chunk(BlockKitLimits.SectionFields))
            Blocks.Add(new JsonObject { ["type"] = "section", ["fields"] = new JsonArray([.. chunk]) });
    }

    private static JsonObject Section(string mrkdwn) =>
        new() { ["type"] = "section", ["text"] = BlockKitElements.Mrkdwn(mrkdwn, BlockKitLimits.SectionText) };

    internal static string Str(JsonObject o, string name) =>
        o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : o[name]?.ToJsonString() ?? "";
}
