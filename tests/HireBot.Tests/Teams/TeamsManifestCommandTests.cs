using System.Text.Json.Nodes;
using HireBot.Core.Commands;

namespace HireBot.Tests.Teams;

public class TeamsManifestCommandTests
{
    [Fact]
    public void Every_command_the_teams_manifest_advertises_is_one_the_grammar_knows()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "HireBot.sln"))) root = Path.GetDirectoryName(root)!;
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "manifests", "teams", "manifest.json")))!;

        var titles = manifest["bots"]![0]!["commandLists"]!.AsArray().SelectMany(l => l!["commands"]!.AsArray()).Select(c => c!["title"]!.GetValue<string>()).Distinct().ToList();

        Assert.NotEmpty(titles);
        foreach (var title in titles)
        {
            var parsed = CommandParser.Parse(title);
            Assert.True(parsed.IsOk || !parsed.Error!.StartsWith("I don't know", StringComparison.Ordinal), $"'{title}' is not a command: {parsed.Error}");
        }
    }
}
