using System.Globalization;
using System.Text.RegularExpressions;
using HireBot.Tests.Cards;

namespace HireBot.Tests.Observability;

/// <summary>Every log message has its own event id, so a dashboard or alert on an id means one thing.</summary>
public class LogEventIdTests
{
    [Fact]
    public void No_two_log_messages_share_an_event_id()
    {
        var ids = Directory.EnumerateFiles(Path.Combine(CardSamples.RepoRoot, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .SelectMany(f => Regex.Matches(File.ReadAllText(f), @"\[LoggerMessage\(EventId = (\d+)").Select(m => (Id: int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), File: Path.GetFileName(f))))
            .ToList();

        Assert.True(ids.Count > 50, $"only {ids.Count} log messages found: is the source where the test looks?");
        var shared = ids.GroupBy(i => i.Id).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(i => i.File))}").ToList();
        Assert.True(shared.Count == 0, "Event ids used twice: " + string.Join("; ", shared));
    }
}
