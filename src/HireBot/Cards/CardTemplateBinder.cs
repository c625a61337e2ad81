using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace HireBot.Cards;

/// <summary>
/// Binds an Adaptive Card template to data on our side, because Teams expects a finished card
/// (https://learn.microsoft.com/adaptive-cards/templating/language). It implements the subset
/// HireBot's templates use, with the semantics of the official JavaScript package
/// (adaptivecards-templating 2.3), which the tests compare against:
/// <list type="bullet">
/// <item><c>${path}</c>: <c>name</c>, <c>a.b.c</c>, <c>items[0]</c>, relative to the current scope;
/// <c>$data</c> (the scope), <c>$root</c> (the whole data), <c>$index</c> (position inside a repeated element).
/// A string that is exactly one <c>${…}</c> keeps the JSON type of the value; inside longer text the value is interpolated as text.</item>
/// <item><c>"$data": "${expr}"</c> on an object rescopes it; bound to an array it repeats the object per item (in arrays the copies are spliced in).</item>
/// <item><c>"$when": "${expr}"</c> keeps the object only when the value is boolean <c>true</c>.</item>
/// <item>Expressions: literals (<c>'text'</c>, numbers, <c>true</c>, <c>false</c>, <c>null</c>), paths, <c>!x</c>,
/// <c>== != &lt; &lt;= &gt; &gt;=</c>, <c>&amp;&amp;</c>, <c>||</c>, parentheses, <c>exists(x)</c>, <c>count(x)</c>.
/// <c>!x</c>, <c>&amp;&amp;</c> and <c>||</c> use logic truth: false, null and missing are false, anything else true.</item>
/// </list>
/// Failure policy: syntax outside the subset throws <see cref="CardTemplateException"/> when the template is
/// first seen (the catalog validates every template at start, so the host refuses to start and tests fail).
/// Missing data is not an exception: like the official package the <c>${…}</c> text is left in place, and the
/// expression is reported in <see cref="BoundCard.Unresolved"/> so callers log it and tests assert it is empty.
/// A <c>$data</c> that is missing drops its element (the official package would render the literal text as scope).
/// </summary>
public sealed class CardTemplateBinder
{
    private static readonly HashSet<string> Reserved = ["$data", "$when", "$root", "$index", "$host", "$_acTemplateVersion"];
    private readonly ConcurrentDictionary<string, TemplateString?> _strings = new(StringComparer.Ordinal);

    /// <summary>Binds <paramref name="template"/> (not modified) to <paramref name="data"/>.</summary>
    public BoundCard Bind(JsonNode template, JsonNode? data)
    {
        ArgumentNullException.ThrowIfNull(template);
        var unresolved = new List<string>();
        var json = Snapshot(data);
        var bound = ExpandValue(template, new CardScope(json, json, null), unresolved);
        if (bound is not JsonObject card)
            throw new CardTemplateException("A card template must expand to a JSON object.");
        return new BoundCard(card, unresolved);
    }

    /// <summary>Parses every expression of <paramref name="template"/>; throws <see cref="CardTemplateException"/> on unsupported syntax.</summary>
    public void Validate(JsonNode template)
    {
        switch (template)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    if (key is "$when" or "$data" && value is JsonValue jv && (!jv.TryGetValue<string>(out var expr) || Prepare(expr) is not { IsWhole: true }))
                        throw new CardTemplateException($"'{key}' must be a single ${{…}} expression, got '{value}'.");
                    if (value is not null)
                        Validate(value);
                }
                break;
            case JsonArray a:
                foreach (var item in a)
                    if (item is not null)
                        Validate(item);
                break;
            case JsonValue v when v.TryGetValue<string>(out var s):
                Prepare(s);
                break;
        }
    }

    private JsonNode? ExpandValue(JsonNode? node, CardScope scope, List<string> unresolved)
    {
        switch (node)
        {
            case JsonArray array:
                var result = new JsonArray();
                foreach (var item in array)
                {
                    if (item is JsonObject element)
                    {
                        foreach (var copy in ExpandElement(element, scope, unresolved))
                            result.Add(copy);
                    }
                    else if (ExpandValue(item, scope, unresolved) is { } expanded)
                    {
                        result.Add(expanded); // the official package drops nulls from arrays
                    }
                }
                return result;
            case JsonObject obj:
                var copies = ExpandElement(obj, scope, unresolved);
                return copies.Count switch { 0 => null, 1 => copies[0], _ => new JsonArray([.. copies]) };
            case JsonValue value when value.TryGetValue<string>(out var text):
                return BindString(text, scope, unresolved);
            default:
                return node?.DeepClone();
        }
    }

    private List<JsonObject> ExpandElement(JsonObject element, CardScope scope, List<string> unresolved)
    {
        var scopes = new List<CardScope>();
        if (!element.TryGetPropertyValue("$data", out var dataNode))
        {
            scopes.Add(scope);
        }
        else
        {
            var data = dataNode is JsonValue v && v.TryGetValue<string>(out var s) && Prepare(s) is { IsWhole: true } ts
                ? ts.Expressions[0].Evaluate(scope)
                : CardValue.Of(dataNode);
            if (data.Missing)
                unresolved.Add(dataNode!.ToJsonString());
            else if (data.Node is JsonArray items)
                scopes.AddRange(items.Select((item, i) => scope with { Data = item, Index = i }));
            else
                scopes.Add(scope with { Data = data.Node });
        }

        var copies = new List<JsonObject>();
        foreach (var itemScope in scopes)
        {
            if (element.TryGetPropertyValue("$when", out var when) && !IsTrue(when, itemScope))
                continue;
            var copy = new JsonObject();
            foreach (var (key, value) in element)
                if (!Reserved.Contains(key))
                    copy[key] = ExpandValue(value, itemScope, unresolved);
            copies.Add(copy);
        }
        return copies;
    }

    private bool IsTrue(JsonNode? when, CardScope scope) =>
        when is JsonValue v && v.TryGetValue<string>(out var s) && Prepare(s) is { IsWhole: true } ts
        && ts.Expressions[0].Evaluate(scope).IsBooleanTrue;

    private JsonNode? BindString(string text, CardScope scope, List<string> unresolved)
    {
        if (Prepare(text) is not { } template)
            return JsonValue.Create(text);
        if (template.IsWhole)
        {
            var value = template.Expressions[0].Evaluate(scope);
            if (!value.Missing)
                return value.Node?.DeepClone();
            unresolved.Add(text);
            return JsonValue.Create(text);
        }
        return JsonValue.Create(template.Interpolate(scope, unresolved));
    }

    /// <summary>
    /// Data built in code holds CLR values (an Int32 rank, a bool, a DateTimeOffset, a decimal) where
    /// data read back from the outbox holds JSON. Binding a JSON copy makes both read the same, so the
    /// bound card (and the Slack translation of it) sees exactly what Teams would get from the stored row.
    /// </summary>
    private static JsonNode? Snapshot(JsonNode? data) => data is null ? null : JsonNode.Parse(data.ToJsonString());

    private TemplateString? Prepare(string text) => _strings.GetOrAdd(text, TemplateString.Parse);
}
