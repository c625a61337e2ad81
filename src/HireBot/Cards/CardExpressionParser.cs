using System.Globalization;
using System.Text.Json.Nodes;

namespace HireBot.Cards;

/// <summary>
/// Recursive-descent parser for the expression subset documented on <see cref="CardTemplateBinder"/>.
/// Anything outside the subset throws <see cref="CardTemplateException"/> naming the expression.
/// </summary>
internal sealed class CardExpressionParser
{
    private static readonly string[] Operators = ["==", "!=", "<=", ">=", "&&", "||", "<", ">"];
    private readonly string _text;
    private int _pos;

    private CardExpressionParser(string text) => _text = text;

    public static CardExpression Parse(string text)
    {
        var parser = new CardExpressionParser(text);
        var expression = parser.ParseBinary(0);
        parser.SkipSpaces();
        if (parser._pos != text.Length)
            throw parser.Error($"unexpected '{text[parser._pos..]}'");
        return expression;
    }

    // Precedence climbing: || < && < comparisons.
    private CardExpression ParseBinary(int level)
    {
        if (level == 3)
            return ParseUnary();
        var start = _pos;
        var left = ParseBinary(level + 1);
        while (true)
        {
            SkipSpaces();
            var op = Operators.FirstOrDefault(o => string.CompareOrdinal(_text, _pos, o, 0, o.Length) == 0);
            var opLevel = op switch { "||" => 0, "&&" => 1, null => -1, _ => 2 };
            if (opLevel != level)
                return left;
            _pos += op!.Length;
            var right = ParseBinary(level + 1);
            left = new BinaryExpression(_text[start.._pos].Trim(), op, left, right);
            if (level == 2)
                return left; // comparisons do not chain
        }
    }

    private CardExpression ParseUnary()
    {
        SkipSpaces();
        var start = _pos;
        if (Peek('!') && !PeekAt(1, '='))
        {
            _pos++;
            var operand = ParseUnary();
            return new NotExpression(_text[start.._pos].Trim(), operand);
        }
        return ParsePrimary();
    }

    private CardExpression ParsePrimary()
    {
        SkipSpaces();
        var start = _pos;
        if (Peek('('))
        {
            _pos++;
            var inner = ParseBinary(0);
            Expect(')');
            return inner;
        }
        if (Peek('\''))
        {
            var end = _text.IndexOf('\'', _pos + 1);
            if (end < 0)
                throw Error("unterminated string");
            _pos = end + 1;
            return new LiteralExpression(_text[start.._pos], JsonValue.Create(_text[(start + 1)..end]));
        }
        if (_pos < _text.Length && (char.IsAsciiDigit(_text[_pos]) || _text[_pos] == '-'))
        {
            _pos++;
            while (_pos < _text.Length && (char.IsAsciiDigit(_text[_pos]) || _text[_pos] == '.'))
                _pos++;
            if (!double.TryParse(_text[start.._pos], NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                throw Error($"bad number '{_text[start.._pos]}'");
            return new LiteralExpression(_text[start.._pos], JsonValue.Create(number));
        }
        var name = ReadIdentifier();
        switch (name)
        {
            case "true" or "false":
                return new LiteralExpression(name, JsonValue.Create(name == "true"));
            case "null":
                return new LiteralExpression(name, null);
        }
        SkipSpaces();
        if (Peek('('))
        {
            if (name is not ("exists" or "count"))
                throw Error($"unsupported function '{name}' (supported: exists, count)");
            _pos++;
            var argument = ParseBinary(0);
            Expect(')');
            return new CallExpression(_text[start.._pos].Trim(), name, argument);
        }
        return ParsePath(start, name);
    }

    private PathExpression ParsePath(int start, string head)
    {
        if (head.StartsWith('$') && head is not ("$root" or "$data" or "$index"))
            throw Error($"unsupported reserved name '{head}' (supported: $root, $data, $index)");
        var steps = new List<object>();
        while (true)
        {
            if (Peek('.'))
            {
                _pos++;
                steps.Add(ReadIdentifier());
            }
            else if (Peek('['))
            {
                _pos++;
                var close = _text.IndexOf(']', _pos);
                if (close < 0 || !int.TryParse(_text[_pos..close], NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                    throw Error("only non-negative integer indexes are supported in [ ]");
                steps.Add(index);
                _pos = close + 1;
            }
            else
            {
                return new PathExpression(_text[start.._pos].Trim(), head, steps);
            }
        }
    }

    private string ReadIdentifier()
    {
        var start = _pos;
        if (_pos < _text.Length && (_text[_pos] == '$' || _text[_pos] == '_' || char.IsAsciiLetter(_text[_pos])))
            _pos++;
        while (_pos < _text.Length && (_text[_pos] == '_' || char.IsAsciiLetterOrDigit(_text[_pos])))
            _pos++;
        if (_pos == start)
            throw Error(_pos < _text.Length ? $"unexpected '{_text[_pos]}'" : "unexpected end");
        return _text[start.._pos];
    }

    private void Expect(char c)
    {
        SkipSpaces();
        if (!Peek(c))
            throw Error($"expected '{c}'");
        _pos++;
    }

    private bool Peek(char c) => _pos < _text.Length && _text[_pos] == c;

    private bool PeekAt(int offset, char c) => _pos + offset < _text.Length && _text[_pos + offset] == c;

    private void SkipSpaces()
    {
        while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos]))
            _pos++;
    }

    private CardTemplateException Error(string reason) =>
        new($"Unsupported card expression '${{{_text}}}': {reason}. See CardTemplateBinder for the supported subset.");
}
