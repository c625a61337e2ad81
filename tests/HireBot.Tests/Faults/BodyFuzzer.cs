using System.Text;
using System.Text.Json.Nodes;

namespace HireBot.Tests.Faults;

/// <summary>
/// Seeded hostile bodies made from a valid one: truncated, bytes flipped, invalid UTF-8 spliced
/// in, values swapped for wrong types, huge strings, deep nesting, or plain noise.
/// </summary>
public sealed class BodyFuzzer(int seed)
{
    private readonly Random _random = new(seed);

    public byte[] Mutate(string valid)
    {
        var bytes = Encoding.UTF8.GetBytes(valid);
        return _random.Next(9) switch
        {
            0 => bytes[..(bytes.Length == 0 ? 0 : _random.Next(bytes.Length))],
            1 => Flip(bytes),
            2 => Splice(bytes, [0xC3, 0x28, 0xFF, 0xFE, 0xED, 0xA0, 0x80]),
            3 => Encoding.UTF8.GetBytes(WrongTypes(valid)),
            4 => Encoding.UTF8.GetBytes(valid.Insert(_random.Next(valid.Length), new string('x', _random.Next(1_000, 200_000)))),
            5 => Encoding.UTF8.GetBytes(new string('[', 5_000) + new string(']', 5_000)),
            6 => Encoding.UTF8.GetBytes("{\"a\":" + string.Concat(Enumerable.Repeat("{\"a\":", 300)) + "1" + new string('}', 301)),
            7 => Noise(),
            _ => Encoding.UTF8.GetBytes(valid.Replace("\"", _random.Next(2) == 0 ? "'" : "", StringComparison.Ordinal)),
        };
    }

    private byte[] Flip(byte[] bytes)
    {
        var copy = (byte[])bytes.Clone();
        for (var i = 0; i < 1 + copy.Length / 50 && copy.Length > 0; i++) copy[_random.Next(copy.Length)] = (byte)_random.Next(256);
        return copy;
    }

    private byte[] Splice(byte[] bytes, byte[] bad)
    {
        var at = bytes.Length == 0 ? 0 : _random.Next(bytes.Length);
        return [.. bytes[..at], .. bad[.._random.Next(1, bad.Length + 1)], .. bytes[at..]];
    }

    private byte[] Noise()
    {
        var noise = new byte[_random.Next(0, 4096)];
        _random.NextBytes(noise);
        return noise;
    }

    /// <summary>Parses the body as JSON and replaces one value anywhere in it with a value of another type.</summary>
    private string WrongTypes(string valid)
    {
        JsonNode? root;
        try { root = JsonNode.Parse(valid); }
        catch (System.Text.Json.JsonException) { return valid.Replace("=", "[]=", StringComparison.Ordinal); }
        if (root is null) return "null";
        var slots = new List<(JsonNode Parent, object Key)>();
        Collect(root, slots);
        if (slots.Count == 0) return "[]";
        var (parent, key) = slots[_random.Next(slots.Count)];
        JsonNode? replacement = _random.Next(6) switch
        {
            0 => null,
            1 => JsonValue.Create(_random.Next()),
            2 => JsonValue.Create(true),
            3 => new JsonArray(1, "two", null),
            4 => new JsonObject { ["unexpected"] = 1 },
            _ => JsonValue.Create(-1.5e308),
        };
        if (parent is JsonObject o) o[(string)key] = replacement;
        else ((JsonArray)parent)[(int)key] = replacement;
        return root.ToJsonString();
    }

    private static void Collect(JsonNode node, List<(JsonNode, object)> slots)
    {
        if (node is JsonObject o)
            foreach (var (k, v) in o.ToList()) { slots.Add((o, k)); if (v is not null) Collect(v, slots); }
        else if (node is JsonArray a)
            for (var i = 0; i < a.Count; i++) { slots.Add((a, i)); if (a[i] is { } v) Collect(v, slots); }
    }
}
