using System.Text;

namespace HireBot.Cards;

/// <summary>A template string split into literal text and <c>${…}</c> expressions.</summary>
internal sealed class TemplateString
{
    private readonly List<object> _parts; // string or CardExpression

    private TemplateString(List<object> parts)
    {
        _parts = parts;
        Expressions = parts.OfType<CardExpression>().ToList();
    }

    public IReadOnlyList<CardExpression> Expressions { get; }

    /// <summary>The whole string is one expression, so binding keeps the value's JSON type.</summary>
    public bool IsWhole => _parts is [CardExpression];

    /// <summary>Returns null for text without <c>${</c>, which is copied as is.</summary>
    public static TemplateString? Parse(string text)
    {
        if (!text.Contains("${", StringComparison.Ordinal))
            return null;
        var parts = new List<object>();
        var pos = 0;
        while (pos < text.Length)
        {
            var open = text.IndexOf("${", pos, StringComparison.Ordinal);
            if (open < 0)
            {
                parts.Add(text[pos..]);
                break;
            }
            if (open > pos)
                parts.Add(text[pos..open]);
            var close = FindClose(text, open + 2);
            if (close < 0)
                throw new CardTemplateException($"Unterminated expression in card text '{text}'.");
            parts.Add(CardExpressionParser.Parse(text[(open + 2)..close]));
            pos = close + 1;
        }
        return new TemplateString(parts);
    }

    public string Interpolate(CardScope scope, List<string> unresolved)
    {
        var sb = new StringBuilder();
        foreach (var part in _parts)
        {
            if (part is string literal)
            {
                sb.Append(literal);
                continue;
            }
            var expression = (CardExpression)part;
            if (expression.Evaluate(scope).ToInterpolatedText() is { } text)
            {
                sb.Append(text);
            }
            else
            {
                var original = "${" + expression.Text + "}";
                unresolved.Add(original);
                sb.Append(original);
            }
        }
        return sb.ToString();
    }

    // The closing brace is the first '}' outside a quoted literal.
    private static int FindClose(string text, int from)
    {
        var quoted = false;
        for (var i = from; i < text.Length; i++)
        {
            if (text[i] == '\'')
                quoted = !quoted;
            else if (text[i] == '}' && !quoted)
                return i;
        }
        return -1;
    }
}
