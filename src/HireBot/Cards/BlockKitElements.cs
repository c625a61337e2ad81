using System.Text.Json.Nodes;

namespace HireBot.Cards;

/// <summary>Block Kit composition objects and interactive elements built from Adaptive Card parts, within Slack's limits (see <see cref="BlockKitLimits"/>).</summary>
internal static class BlockKitElements
{
    public static JsonObject Plain(string text, int max) =>
        new() { ["type"] = "plain_text", ["text"] = BlockKitLimits.Truncate(text, max) };

    public static JsonObject Mrkdwn(string text, int max) =>
        new() { ["type"] = "mrkdwn", ["text"] = BlockKitLimits.Truncate(text, max) };

    /// <summary>Slack's three control characters (https://docs.slack.dev/messaging/formatting-message-text#escaping).</summary>
    public static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal);

    /// <summary>An Image becomes an image block: Slack fetches <c>image_url</c> itself, so it must be a public http(s) URL; <c>altText</c> becomes <c>alt_text</c> (required by Slack).</summary>
    public static JsonObject Image(JsonObject image)
    {
        var url = BlockKitBodyWriter.Str(image, "url");
        if (url.Length > BlockKitLimits.ImageUrl || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new BlockKitTranslationException($"Image URL must be an absolute http(s) URL of at most {BlockKitLimits.ImageUrl} characters.");
        var alt = BlockKitBodyWriter.Str(image, "altText");
        return new JsonObject
        {
            ["type"] = "image",
            ["image_url"] = url,
            ["alt_text"] = BlockKitLimits.Truncate(alt.Length > 0 ? alt : "Chart", BlockKitLimits.AltText),
        };
    }

    /// <summary>Action.Execute becomes a button whose action_id is the verb and value the action data as JSON; Action.OpenUrl a link button.</summary>
    public static JsonObject Button(JsonObject action, HashSet<string> usedIds)
    {
        var type = BlockKitBodyWriter.Str(action, "type");
        var title = BlockKitBodyWriter.Str(action, "title");
        switch (type)
        {
            case "Action.Execute":
                var verb = BlockKitBodyWriter.Str(action, "verb");
                var value = action["data"]?.ToJsonString() ?? "{}";
                if (value.Length > BlockKitLimits.ButtonValue)
                    throw new BlockKitTranslationException($"Data of action '{verb}' is {value.Length} characters; a button value holds {BlockKitLimits.ButtonValue}.");
                return new JsonObject
                {
                    ["type"] = "button",
                    ["text"] = Plain(title.Length > 0 ? title : verb, BlockKitLimits.ButtonText),
                    ["action_id"] = UniqueId(verb, usedIds),
                    ["value"] = value,
                };
            case "Action.OpenUrl":
                var url = BlockKitBodyWriter.Str(action, "url");
                if (url.Length > BlockKitLimits.Url)
                    throw new BlockKitTranslationException($"Link '{title}' is longer than {BlockKitLimits.Url} characters.");
                return new JsonObject
                {
                    ["type"] = "button",
                    ["text"] = Plain(title.Length > 0 ? title : url, BlockKitLimits.ButtonText),
                    ["action_id"] = UniqueId("open-url", usedIds),
                    ["url"] = url,
                };
            default:
                throw new BlockKitTranslationException($"Adaptive Card action '{type}' has no Block Kit translation.");
        }
    }

    /// <summary>An input block whose block_id and action_id are the input id, so view_submission state reads back as state.values[id][id]. Null for an optional choice set without choices.</summary>
    public static JsonObject? Input(JsonObject input)
    {
        var id = CheckId(BlockKitBodyWriter.Str(input, "id"));
        var required = input["isRequired"]?.GetValue<bool>() == true;
        var element = BlockKitBodyWriter.Str(input, "type") == "Input.Text" ? TextInput(input, id) : Select(input, id, required);
        if (element is null)
            return null;
        var label = BlockKitBodyWriter.Str(input, "label");
        return new JsonObject
        {
            ["type"] = "input",
            ["block_id"] = id,
            ["label"] = Plain(label.Length > 0 ? label : id, BlockKitLimits.InputLabel),
            ["optional"] = !required,
            ["element"] = element,
        };
    }

    private static JsonObject TextInput(JsonObject input, string id)
    {
        var max = Math.Min(input["maxLength"]?.GetValue<int>() ?? BlockKitLimits.PlainTextInput, BlockKitLimits.PlainTextInput);
        var element = new JsonObject
        {
            ["type"] = "plain_text_input",
            ["action_id"] = id,
            ["multiline"] = input["isMultiline"]?.GetValue<bool>() == true,
            ["max_length"] = max,
        };
        AddPlaceholder(input, element);
        var value = BlockKitBodyWriter.Str(input, "value");
        if (value.Length > 0)
            element["initial_value"] = value.Length > max ? value[..max] : value; // no ellipsis: it is the panelist's own text
        return element;
    }

    private static JsonObject? Select(JsonObject input, string id, bool required)
    {
        var options = (input["choices"] as JsonArray ?? []).OfType<JsonObject>()
            .Take(BlockKitLimits.Options)
            .Select(Option)
            .ToList();
        if (options.Count == 0)
            return required ? throw new BlockKitTranslationException($"Required choice set '{id}' has no choices.") : null;
        var multi = input["isMultiSelect"]?.GetValue<bool>() == true;
        var element = new JsonObject
        {
            ["type"] = multi ? "multi_static_select" : "static_select",
            ["action_id"] = id,
            ["options"] = new JsonArray([.. options]),
        };
        AddPlaceholder(input, element);
        var chosen = BlockKitBodyWriter.Str(input, "value").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var initial = options.Where(o => chosen.Contains(o["value"]!.GetValue<string>())).Select(o => o.DeepClone()).ToList();
        if (multi && initial.Count > 0)
            element["initial_options"] = new JsonArray([.. initial]);
        else if (!multi && initial.Count > 0)
            element["initial_option"] = initial[0];
        return element;
    }

    private static JsonObject Option(JsonObject choice)
    {
        var value = BlockKitBodyWriter.Str(choice, "value");
        if (value.Length is 0 or > BlockKitLimits.OptionValue)
            throw new BlockKitTranslationException($"Choice value '{BlockKitLimits.Truncate(value, 40)}' must be 1 to {BlockKitLimits.OptionValue} characters.");
        var title = BlockKitBodyWriter.Str(choice, "title");
        return new JsonObject { ["text"] = Plain(title.Length > 0 ? title : value, BlockKitLimits.OptionText), ["value"] = value };
    }

    private static void AddPlaceholder(JsonObject input, JsonObject element)
    {
        var placeholder = BlockKitBodyWriter.Str(input, "placeholder");
        if (placeholder.Length > 0)
            element["placeholder"] = Plain(placeholder, BlockKitLimits.Placeholder);
    }

    // Slack wants action_ids unique within a block; repeats get a "#n" suffix that handlers strip.
    private static string UniqueId(string id, HashSet<string> used)
    {
        CheckId(id);
        var candidate = id;
        for (var n = 2; !used.Add(candidate); n++)
            candidate = CheckId($"{id}#{n}");
        return candidate;
    }

    private static string CheckId(string id) =>
        id.Length is > 0 and <= BlockKitLimits.ActionId
            ? id
            : throw new BlockKitTranslationException($"Identifier '{BlockKitLimits.Truncate(id, 40)}' must be 1 to {BlockKitLimits.ActionId} characters.");
}
