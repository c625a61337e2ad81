using HireBot.Core.Commands;

namespace HireBot.Core.Tests.Commands;

public class CommandParserTests
{
    [Theory]
    [InlineData("role create be-sr Senior Backend Engineer", "role create", "role=be-sr;title=Senior Backend Engineer")]
    [InlineData("role create be-sr \"Backend Engineer\" template backend-engineer channel #hiring", "role create", "role=be-sr;title=Backend Engineer;template=backend-engineer;channel=#hiring")]
    [InlineData("candidate add be-sr ada@example.com Ada Lovelace", "candidate add", "role=be-sr;email=ada@example.com;name=Ada Lovelace")]
    [InlineData("schedule ada@example.com between 2026-12-01 and 2026-12-12", "schedule", "candidate=ada@example.com;between=2026-12-01;and=2026-12-12")]
    [InlineData("decide ada@example.com no-hire Weak on system design", "decide", "candidate=ada@example.com;decision=no-hire;reason=Weak on system design")]
    [InlineData("STATUS", "status", "")]
    [InlineData("", "help", "")]
    [InlineData("role add be-sr interviewer bob@example.com pool backend trainee yes", "role add", "role=be-sr;kind=interviewer;email=bob@example.com;pool=backend;trainee=yes")]
    [InlineData("candidate add be-sr ada@example.com “Ada King”", "candidate add", "role=be-sr;email=ada@example.com;name=Ada King")]
    public void Valid_commands_bind_their_arguments(string text, string name, string expected)
    {
        var parsed = CommandParser.Parse(text);

        Assert.True(parsed.IsOk, parsed.Error);
        Assert.Equal(name, parsed.Value!.Name);
        var actual = string.Join(';', parsed.Value.Values.OrderBy(kv => Order(expected, kv.Key)).Select(kv => $"{kv.Key}={kv.Value}"));
        Assert.Equal(expected, actual);
    }

    private static int Order(string expected, string key) => expected.IndexOf(key + "=", StringComparison.Ordinal);

    [Theory]
    [InlineData("shedule ada@example.com", "schedule <candidate>")]
    [InlineData("sumary ada", "summary <candidate>")]
    [InlineData("role creat x", "role create")]
    [InlineData("candidat list", "candidate")]
    public void Unknown_commands_suggest_the_closest_one(string text, string suggestion)
    {
        var parsed = CommandParser.Parse(text);

        Assert.False(parsed.IsOk);
        Assert.Contains(suggestion, parsed.Error);
    }

    [Theory]
    [InlineData("candidate add be-sr", "needs <email>")]
    [InlineData("decide ada@example.com", "needs <decision>")]
    [InlineData("schedule ada between 2026-12-01", "Give both dates")]
    [InlineData("nudge ada extra words", "more than it takes")]
    public void Malformed_commands_say_what_is_missing_with_the_usage(string text, string message)
    {
        var parsed = CommandParser.Parse(text);

        Assert.False(parsed.IsOk);
        Assert.Contains(message, parsed.Error);
        Assert.Contains("Usage:", parsed.Error);
    }

    [Fact]
    public void Every_usage_line_parses_its_own_example_shape()
    {
        foreach (var spec in CommandCatalog.All)
            Assert.StartsWith(spec.Name, spec.Usage);
    }

    [Fact]
    public void Usage_lines_show_no_grammar_markers()
    {
        // `*` (rest of line) and `?` (optional) are the parser's notation, not something to type.
        foreach (var spec in CommandCatalog.All)
            Assert.DoesNotMatch(@"<[^>]*[*?][^>]*>", spec.Usage);
    }

    [Fact]
    public void Dates_after_between_and_and_may_be_several_words()
    {
        var parsed = CommandParser.Parse("schedule ada@example.com between 3 Dec and 4 Dec");

        Assert.True(parsed.IsOk, parsed.Error);
        Assert.Equal("ada@example.com", parsed.Value!["candidate"]);
        Assert.Equal("3 Dec", parsed.Value!["between"]);
        Assert.Equal("4 Dec", parsed.Value!["and"]);
    }

    [Fact]
    public void A_command_longer_than_the_limit_is_refused_with_its_length_and_the_limit()
    {
        var text = "role create be " + new string('x', InputLimits.CommandChars);

        var parsed = CommandParser.Parse(text);

        Assert.False(parsed.IsOk);
        Assert.StartsWith($"That command is {text.Length} characters long; the limit is {InputLimits.CommandChars}.", parsed.Error);
        Assert.True(CommandParser.Parse("role create be " + new string('x', InputLimits.CommandChars - 20)).IsOk);
    }
}
