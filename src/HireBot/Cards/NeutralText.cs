using System.Text;
using System.Text.RegularExpressions;

namespace HireBot.Cards;

/// <summary>
/// The one text convention features write in card text (TextBlock text, fact titles and values),
/// rendered natively per platform:
/// <list type="bullet">
/// <item><c>**bold**</c>, <c>`code`</c>;</item>
/// <item>one line per line (<c>\n</c>); a line starting <c>- </c> or <c>• </c> is a list item, <c>1. </c> a numbered one.</item>
/// </list>
/// Teams TextBlock markdown (https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/cards-format):
/// bold <c>**x**</c>, lists whose items are separated by <c>\r</c>; a single <c>\n</c> is not a line break
/// outside a list, <c>\n\n</c> is; no code spans. Slack mrkdwn
/// (https://docs.slack.dev/messaging/formatting-message-text): bold <c>*x*</c>, code <c>`x`</c>,
/// every <c>\n</c> a line break, no list syntax (so <c>•</c>), and <c>&amp; &lt; &gt;</c> escaped.
/// </summary>
public static partial class NeutralText
{
    /// <summary>Slack mrkdwn: escaped, <c>*bold*</c>, <c>• </c> list items.</summary>
    public static string ToSlack(string text)
    {
        var lines = Lines(text).Select(line =>
        {
            var (kind, body) = Classify(line);
            var item = kind == LineKind.Bullet ? "• " + body : line;
            return Bold().Replace(BlockKitElements.Escape(item), "*$1*");
        });
        return string.Join("\n", lines);
    }

    /// <summary>Slack mrkdwn for text shown bold as a whole (a bolder TextBlock, a fact title): each line in <c>*…*</c>, since Slack bold does not span lines.</summary>
    public static string ToSlackBold(string text) =>
        string.Join("\n", ToSlack(Bold().Replace(text, "$1")).Split('\n').Select(l => l.Trim().Length == 0 ? l : $"*{l.Trim()}*"));

    /// <summary>Text with the markers removed, for places that show plain text only (Slack headers, buttons, notifications).</summary>
    public static string ToPlain(string text) =>
        Code().Replace(Bold().Replace(string.Join("\n", Lines(text).Select(l => Classify(l) is (LineKind.Bullet, var b) ? "• " + b : l)), "$1"), "$1");

    /// <summary>Teams TextBlock markdown: <c>**bold**</c> as is, code spans as plain text, lines that stay lines and lists that stay lists.</summary>
    public static string ToTeams(string text)
    {
        var sb = new StringBuilder();
        var previous = LineKind.None;
        foreach (var line in Lines(text))
        {
            var (kind, body) = Classify(line);
            if (kind == LineKind.Blank) continue;
            if (previous != LineKind.None)
                sb.Append(kind != LineKind.Paragraph && kind == previous ? "\r" : "\n\n");
            sb.Append(kind == LineKind.Bullet ? "- " + body : line);
            previous = kind;
        }
        return Code().Replace(sb.ToString(), "$1");
    }

    private enum LineKind { None, Blank, Paragraph, Bullet, Numbered }

    private static IEnumerable<string> Lines(string text) =>
        text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n').Select(l => l.TrimEnd());

    private static (LineKind Kind, string Body) Classify(string line)
    {
        if (line.Length == 0) return (LineKind.Blank, line);
        if (line.StartsWith("- ", StringComparison.Ordinal) || line.StartsWith("• ", StringComparison.Ordinal)) return (LineKind.Bullet, line[2..]);
        if (Numbered().IsMatch(line)) return (LineKind.Numbered, line);
        return (LineKind.Paragraph, line);
    }

    [GeneratedRegex(@"\*\*(.+?)\*\*")]
    private static partial Regex Bold();

    [GeneratedRegex(@"`([^`\n]+)`")]
    private static partial Regex Code();

    [GeneratedRegex(@"^\d{1,3}\. ")]
    private static partial Regex Numbered();
}
