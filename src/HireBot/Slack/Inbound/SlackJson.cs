using System.Text.Json;

namespace HireBot.Slack;

/// <summary>Tolerant readers for Slack JSON: absent or non-string fields read as null, never throw.</summary>
internal static class SlackJson
{
    public static string? Str(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object
        && e.TryGetProperty(name, out var p)
        && p.ValueKind == JsonValueKind.String
            ? p.GetString()
            : null;

    public static string? Str(this JsonElement e, string parent, string name) => e.Obj(parent).Str(name);

    public static JsonElement Obj(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var p) ? p : default;

    public static bool Bool(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object
        && e.TryGetProperty(name, out var p)
        && p.ValueKind == JsonValueKind.True;

    public static IEnumerable<JsonElement> Items(this JsonElement e, string name) =>
        e.Obj(name) is { ValueKind: JsonValueKind.Array } a ? a.EnumerateArray() : [];

    public static IReadOnlyList<string> Strings(this JsonElement e, string name) =>
        [.. e.Items(name).Where(i => i.ValueKind == JsonValueKind.String).Select(i => i.GetString()!)];
}
