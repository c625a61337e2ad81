namespace HireBot.Core.Commands;

/// <summary>
/// Parses the text after <c>/hire</c> or <c>@HireBot</c>. Words are separated by spaces; double
/// quotes (straight or curly, as phones type them) group words. Unknown or malformed input gets
/// an error naming the closest valid command and its usage.
/// </summary>
public static class CommandParser
{
    public static Outcome<Command> Parse(string text)
    {
        if (text.Length > InputLimits.CommandChars)
            return Outcome<Command>.Fail(InputLimits.TooLong("That command", text.Length, InputLimits.CommandChars) +
                                         " For a long template, shorten its descriptions and questions.");
        var tokens = Tokenize(text);
        var words = tokens.Select(t => t.Text).ToList();
        if (tokens.Count == 0) return new Command(CommandCatalog.Find("help")!, new Dictionary<string, string>());

        var spec = MatchSpec(words, out var consumed);
        if (spec is null)
        {
            var typed = string.Join(' ', words.Take(2));
            var closest = Closest(typed);
            return Outcome<Command>.Fail($"I don't know `{typed}`. Did you mean `{closest.Usage}`? Try `help` for the full list.");
        }
        return Bind(spec, tokens.Skip(consumed).ToList(), text);
    }

    private static CommandSpec? MatchSpec(List<string> tokens, out int consumed)
    {
        var verb = tokens[0].ToLowerInvariant();
        if (tokens.Count > 1 && CommandCatalog.Find($"{verb} {tokens[1].ToLowerInvariant()}") is { } two)
        {
            consumed = 2;
            return two;
        }
        consumed = 1;
        return CommandCatalog.Find(verb);
    }

    private static Outcome<Command> Bind(CommandSpec spec, List<(string Text, int Start)> rest, string text)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var positional = new List<string>();
        var starts = new List<int>();
        for (var i = 0; i < rest.Count; i++)
        {
            var word = rest[i].Text.ToLowerInvariant();
            if (spec.Keywords.Contains(word) && i + 1 < rest.Count)
            {
                values[word] = rest[++i].Text;
                // A date may be several words ("3 Dec"): it runs to the next keyword.
                if (word is "between" or "and")
                    while (i + 1 < rest.Count && !spec.Keywords.Contains(rest[i + 1].Text.ToLowerInvariant()))
                        values[word] += " " + rest[++i].Text;
                continue;
            }
            positional.Add(rest[i].Text);
            starts.Add(rest[i].Start);
        }

        for (var a = 0; a < spec.Arguments.Count; a++)
        {
            var arg = spec.Arguments[a];
            var name = arg.TrimEnd('?').TrimEnd('*');
            var takesRest = arg.TrimEnd('?').EndsWith('*');
            if (a >= positional.Count)
            {
                if (arg.EndsWith('?')) break;
                return Outcome<Command>.Fail($"`{spec.Name}` needs <{name}>. Usage: `{spec.Usage}`");
            }
            // JSON keeps its quotes: it is taken verbatim from where its first word starts.
            values[name] = !takesRest ? positional[a]
                : name == "json" ? text[starts[a]..].Trim()
                : string.Join(' ', positional.Skip(a));
            if (takesRest) { positional.Clear(); break; }
        }
        if (positional.Count > spec.Arguments.Count)
            return Outcome<Command>.Fail($"`{spec.Name}` got more than it takes: `{positional[spec.Arguments.Count]}`. Usage: `{spec.Usage}`");
        if (values.ContainsKey("between") != values.ContainsKey("and"))
            return Outcome<Command>.Fail($"Give both dates: `between 2026-12-01 and 2026-12-12`. Usage: `{spec.Usage}`");
        return new Command(spec, values);
    }

    /// <summary>The command whose name is the fewest edits away from what was typed.</summary>
    public static CommandSpec Closest(string typed) =>
        CommandCatalog.All.MinBy(s => Math.Min(Distance(typed, s.Name), Distance(typed.Split(' ')[0], s.Name.Split(' ')[0])))!;

    private static int Distance(string a, string b)
    {
        a = a.ToLowerInvariant();
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var diagonal = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.Length];
    }

    /// <summary>Words with where each starts in <paramref name="text"/> (so an argument can be taken verbatim).</summary>
    internal static List<(string Text, int Start)> Tokenize(string text)
    {
        var tokens = new List<(string, int)>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        var hadQuotes = false;
        var start = -1;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (!quoted && char.IsWhiteSpace(ch))
            {
                Flush();
                continue;
            }
            if (start < 0) start = i;
            if (ch is '"' or '“' or '”')
            {
                quoted = !quoted;
                hadQuotes = true;
            }
            else
            {
                current.Append(ch);
            }
        }
        Flush();
        return tokens;

        void Flush()
        {
            if (current.Length > 0 || hadQuotes) tokens.Add((current.ToString(), start));
            current.Clear();
            hadQuotes = false;
            start = -1;
        }
    }
}
