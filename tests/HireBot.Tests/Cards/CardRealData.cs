using System.Text.Json;
using System.Text.Json.Nodes;
using HireBot.Core.Commands;
using HireBot.Hiring;

namespace HireBot.Tests.Cards;

/// <summary>
/// Card data as the features build it in code, not as JSON read from a file: the same shapes as the
/// samples, held in the CLR types the features write (an Int32 <c>rank</c> and <c>reminder</c>, a double
/// <c>snoozeHours</c>, bool <c>canAmend</c> and <c>incomplete</c>, strings), plus the edges real data
/// reaches: every list empty, and every displayed text long and full of characters that need escaping.
/// Help and message come from the features' own builders.
/// </summary>
internal static class CardRealData
{
    // Values that are ids or must match a choice keep their sample value when text is stretched.
    private static readonly HashSet<string> Keys =
        ["id", "interviewId", "loopId", "optionId", "value", "rating", "recommendation", "selectedRedFlags", "url"];

    public static readonly string LongText = string.Concat(Enumerable.Repeat("Scopes first & names trade-offs <fast> before `slow` ones; ", 60));

    public static IEnumerable<(string Case, string Template, JsonObject Data)> All()
    {
        foreach (var (sample, template, data) in CardSamples.All())
        {
            yield return ($"{sample}.typed", template, Typed(data, template));
            yield return ($"{sample}.empty-lists", template, (JsonObject)Edit(Typed(data, template), n => n is JsonArray ? new JsonArray() : null)!);
            yield return ($"{sample}.long-text", template, (JsonObject)Edit(Typed(data, template), (n, key) =>
                n is JsonValue v && v.GetValueKind() == JsonValueKind.String && !Keys.Contains(key ?? "") ? JsonValue.Create(LongText) : null)!);
        }
        yield return ("help.all-commands", "help", HelpCommands.Help(CommandCatalog.All).Data);
        yield return ("message.reply", "message", BotReply.Text("Created role `be-sr`.\n- one\n- two").Data);
    }

    /// <summary>The sample rebuilt from CLR values, with the numeric fields in the types their features use.</summary>
    private static JsonObject Typed(JsonNode sample, string template)
    {
        var data = (JsonObject)Clr(sample)!;
        switch (template)
        {
            case "nudge": // NudgeMessages.Reminder: int number and count, double snooze length
                data["reminder"] = 2;
                data["reminders"] = 3;
                data["snoozeHours"] = 1.5;
                break;
            case "schedule-options": // ScheduleCards.Options: int rank
                var rank = 1;
                foreach (var option in data["options"]!.AsArray()) option!["rank"] = rank++;
                break;
        }
        return data;
    }

    private static JsonNode? Clr(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, Clr(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(Clr)]),
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => JsonValue.Create(v.GetValue<string>()),
            JsonValueKind.Number when v.GetValue<double>() is var d && d == Math.Floor(d) => JsonValue.Create((int)d),
            JsonValueKind.Number => JsonValue.Create(v.GetValue<double>()),
            JsonValueKind.True or JsonValueKind.False => JsonValue.Create(v.GetValue<bool>()),
            _ => null,
        },
        _ => null,
    };

    private static JsonNode? Edit(JsonNode? node, Func<JsonNode?, JsonNode?> replace) => Edit(node, (n, _) => replace(n));

    /// <summary>Copies <paramref name="node"/>, replacing each value for which <paramref name="replace"/> (value, property name) returns a node.</summary>
    private static JsonNode? Edit(JsonNode? node, Func<JsonNode?, string?, JsonNode?> replace, string? key = null)
    {
        if (replace(node, key) is { } replaced) return replaced;
        return node switch
        {
            JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, Edit(p.Value, replace, p.Key)))),
            JsonArray a => new JsonArray([.. a.Select(item => Edit(item, replace, null))]),
            _ => node?.DeepClone(),
        };
    }
}
