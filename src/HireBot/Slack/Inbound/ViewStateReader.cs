using System.Text.Json;

namespace HireBot.Slack;

/// <summary>
/// Reads the value an element carries, whatever its type
/// (https://docs.slack.dev/reference/interaction-payloads/view-interactions-payload/#view_submission).
/// </summary>
internal static class ViewStateReader
{
    private static readonly string[] SingleKeys =
        ["value", "selected_date", "selected_time", "selected_date_time", "selected_user", "selected_conversation", "selected_channel"];

    private static readonly string[] ListKeys = ["selected_users", "selected_conversations", "selected_channels"];

    /// <summary>state.values[block_id][action_id] → action_id → values; null when an action_id repeats.</summary>
    public static Dictionary<string, IReadOnlyList<string>>? Flatten(JsonElement values)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (values.ValueKind != JsonValueKind.Object)
        {
            return result;
        }

        foreach (var block in values.EnumerateObject().Where(b => b.Value.ValueKind == JsonValueKind.Object))
        {
            foreach (var element in block.Value.EnumerateObject())
            {
                if (!result.TryAdd(element.Name, ValuesOf(element.Value)))
                {
                    return null;
                }
            }
        }

        return result;
    }

    public static IReadOnlyList<string> ValuesOf(JsonElement element)
    {
        if (element.Obj("selected_option").Str("value") is { } option)
        {
            return [option];
        }

        var options = element.Items("selected_options").Select(o => o.Str("value")).OfType<string>().ToList();
        if (options.Count > 0)
        {
            return options;
        }

        foreach (var key in ListKeys)
        {
            if (element.Strings(key) is { Count: > 0 } list)
            {
                return list;
            }
        }

        foreach (var key in SingleKeys)
        {
            if (element.Obj(key) is { ValueKind: JsonValueKind.String or JsonValueKind.Number } v)
            {
                return [v.ToString()];
            }
        }

        return [];
    }
}
