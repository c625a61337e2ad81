using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HireBot.Cards;

/// <summary>The data an expression sees: the whole data (<c>$root</c>), the current scope (<c>$data</c>) and, inside a repeated element, <c>$index</c>.</summary>
internal sealed record CardScope(JsonNode? Root, JsonNode? Data, int? Index);

/// <summary>An evaluated value. <see cref="Missing"/> means "undefined" in the templating language (absent path or failed function), which is distinct from JSON null.</summary>
internal readonly record struct CardValue(JsonNode? Node, bool Missing)
{
    public static readonly CardValue Undefined = new(null, true);
    public static CardValue Of(JsonNode? node) => new(node, false);
    public static CardValue Of(bool value) => new(JsonValue.Create(value), false);
    public static CardValue Of(double value) => new(JsonValue.Create(value), false);

    /// <summary>Adaptive Expressions' logic truth: false and null (or undefined) are false, anything else is true.</summary>
    public bool IsLogicTrue => !Missing && Node is not null && !(Node.GetValueKind() == JsonValueKind.False);

    public bool IsBooleanTrue => !Missing && Node?.GetValueKind() == JsonValueKind.True;

    public double? Number => !Missing && Node is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? NumberOf(v) : null;

    /// <summary>Text for interpolation inside a longer string, formatted the way JavaScript prints the value.</summary>
    public string? ToInterpolatedText() => Node?.GetValueKind() switch
    {
        null => null,
        JsonValueKind.String => TextOf((JsonValue)Node),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => FormatNumber(NumberOf((JsonValue)Node)),
        _ => null, // objects and arrays have no useful text form; treated as unresolved
    };

    /// <summary>
    /// A JSON number, whatever CLR value backs the node: data built in code holds int, long,
    /// decimal or double (<c>["rank"] = 1</c> is an Int32), parsed data a JsonElement.
    /// <c>GetValue&lt;double&gt;()</c> alone throws for an Int32, which once broke Slack's schedule options.
    /// Read through the JSON text, as JavaScript would (every number is a double there).
    /// </summary>
    internal static double NumberOf(JsonValue value) =>
        value.TryGetValue<double>(out var d) ? d : double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>A JSON string, whatever backs it (string, char, Guid, DateTimeOffset, an enum written as text…).</summary>
    internal static string TextOf(JsonValue value) =>
        value.TryGetValue<string>(out var s) ? s : JsonSerializer.Deserialize<string>(value.ToJsonString())!;

    // JavaScript prints integers below 1e21 in full (shortest round-trip digits padded with zeros),
    // anything else in its shortest round-trip form.
    private static string FormatNumber(double value) =>
        value == Math.Floor(value) && Math.Abs(value) < 1e21
            ? decimal.Parse(value.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)
            : value.ToString("R", CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal);
}

/// <summary>A parsed <c>${…}</c> expression of the supported subset (see <see cref="CardTemplateBinder"/>).</summary>
internal abstract record CardExpression(string Text)
{
    public abstract CardValue Evaluate(CardScope scope);
}

internal sealed record LiteralExpression(string Text, JsonNode? Value) : CardExpression(Text)
{
    public override CardValue Evaluate(CardScope scope) => CardValue.Of(Value?.DeepClone());
}

/// <summary>A property path such as <c>candidate.name</c>, <c>items[0]</c>, <c>$root.loopId</c>, <c>$data</c> or <c>$index</c>.</summary>
internal sealed record PathExpression(string Text, string Head, IReadOnlyList<object> Steps) : CardExpression(Text)
{
    public override CardValue Evaluate(CardScope scope)
    {
        var current = Head switch
        {
            "$root" => CardValue.Of(scope.Root),
            "$data" => CardValue.Of(scope.Data),
            "$index" => scope.Index is { } i ? CardValue.Of((double)i) : CardValue.Undefined,
            _ => Step(CardValue.Of(scope.Data), Head),
        };
        foreach (var step in Steps)
            current = Step(current, step);
        return current;
    }

    private static CardValue Step(CardValue from, object step) => (from.Node, step) switch
    {
        (JsonObject o, string name) when o.TryGetPropertyValue(name, out var v) => CardValue.Of(v),
        (JsonArray a, int i) when i >= 0 && i < a.Count => CardValue.Of(a[i]),
        _ => CardValue.Undefined,
    };
}

internal sealed record NotExpression(string Text, CardExpression Operand) : CardExpression(Text)
{
    public override CardValue Evaluate(CardScope scope) => CardValue.Of(!Operand.Evaluate(scope).IsLogicTrue);
}

internal sealed record CallExpression(string Text, string Function, CardExpression Argument) : CardExpression(Text)
{
    public override CardValue Evaluate(CardScope scope)
    {
        var value = Argument.Evaluate(scope);
        if (Function == "exists")
            return CardValue.Of(!value.Missing && value.Node is not null);
        return value.Node switch // count
        {
            JsonArray a => CardValue.Of(a.Count),
            JsonObject o => CardValue.Of(o.Count),
            JsonValue v when v.GetValueKind() == JsonValueKind.String => CardValue.Of(CardValue.TextOf(v).Length),
            _ => CardValue.Undefined,
        };
    }
}

internal sealed record BinaryExpression(string Text, string Operator, CardExpression Left, CardExpression Right) : CardExpression(Text)
{
    public override CardValue Evaluate(CardScope scope)
    {
        var left = Left.Evaluate(scope);
        if (Operator == "&&")
            return CardValue.Of(left.IsLogicTrue && Right.Evaluate(scope).IsLogicTrue);
        if (Operator == "||")
            return CardValue.Of(left.IsLogicTrue || Right.Evaluate(scope).IsLogicTrue);
        var right = Right.Evaluate(scope);
        if (left.Missing || right.Missing)
            return CardValue.Undefined;
        if (Operator is "==" or "!=")
            return CardValue.Of(AreEqual(left, right) == (Operator == "=="));
        if (left.Number is not { } l || right.Number is not { } r)
            return CardValue.Undefined; // ordering is defined for numbers only
        return CardValue.Of(Operator switch { "<" => l < r, "<=" => l <= r, ">" => l > r, _ => l >= r });
    }

    private static bool AreEqual(CardValue left, CardValue right) =>
        left.Number is { } l && right.Number is { } r ? l == r : JsonNode.DeepEquals(left.Node, right.Node);
}
