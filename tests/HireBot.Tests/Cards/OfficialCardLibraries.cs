using System.Diagnostics;
using System.Text.Json.Nodes;

namespace HireBot.Tests.Cards;

/// <summary>
/// Runs tests/cards-check/check.js once for every sample: the official templating package expands
/// the template, and the official parser validates the card our binder produced. CI runs
/// <c>npm ci</c> in tests/cards-check before <c>dotnet test</c>; without it these tests fail, never skip.
/// </summary>
public sealed class OfficialCardLibraries
{
    public OfficialCardLibraries()
    {
        var check = CardSamples.CheckDirectory;
        if (!Directory.Exists(Path.Combine(check, "node_modules", "adaptivecards-templating")))
            throw new InvalidOperationException($"Run 'npm ci' in {check} first: its node_modules (adaptivecards, adaptivecards-templating) are missing.");

        var catalog = CardSamples.Catalog();
        var cases = new JsonArray();
        foreach (var (sample, template, data) in CardSamples.All())
        {
            var bound = catalog.Bind(template, data);
            Ours[sample] = bound;
            cases.Add(new JsonObject { ["name"] = sample, ["template"] = catalog.Template(template), ["data"] = data.DeepClone(), ["card"] = bound.Card.DeepClone() });
        }
        var output = RunNode(check, new JsonObject { ["cases"] = cases }.ToJsonString());
        foreach (var result in JsonNode.Parse(output)!["results"]!.AsArray())
            Official[(string)result!["name"]!] = (result["expanded"]!.AsObject(), result["errors"]!.AsArray().Select(e => (string)e!).ToList());
    }

    public Dictionary<string, HireBot.Cards.BoundCard> Ours { get; } = [];

    public Dictionary<string, (JsonObject Expanded, List<string> Errors)> Official { get; } = [];

    private static string RunNode(string workingDirectory, string input)
    {
        var start = new ProcessStartInfo("node", "check.js")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start; is Node.js installed?");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(input);
        process.StandardInput.Close();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("check.js did not finish within 60 s.");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"check.js failed ({process.ExitCode}): {stderr.Result}");
        return stdout.Result;
    }
}
