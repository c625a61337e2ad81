using System.Diagnostics;
using System.Text.Json.Nodes;

namespace HireBot.Tests.Cards;

/// <summary>
/// Runs tests/cards-check/check.js once for every sample: the official templating package expands
/// the template, and the official parser validates the card our binder produced. The packages are
/// installed with <c>npm ci</c> on first use; if that fails these tests fail, never skip.
/// </summary>
public sealed class OfficialCardLibraries
{
    public OfficialCardLibraries()
    {
        var check = CardSamples.CheckDirectory;
        if (!Directory.Exists(Path.Combine(check, "node_modules", "adaptivecards-templating"))) NpmCi(check);

        var catalog = CardSamples.Catalog();
        var cases = new JsonArray();
        foreach (var (sample, template, data) in CardSamples.All())
        {
            var bound = catalog.Bind(template, data);
            Ours[sample] = bound;
            cases.Add(new JsonObject { ["name"] = sample, ["template"] = catalog.Template(template), ["data"] = data.DeepClone(), ["card"] = bound.Card.DeepClone() });
        }
        // Data built in code (CLR values) goes to node as its JSON: both sides must agree on it.
        foreach (var (name, template, data) in CardRealData.All())
        {
            var bound = catalog.Bind(template, data);
            Ours[name] = bound;
            cases.Add(new JsonObject { ["name"] = name, ["template"] = catalog.Template(template), ["data"] = JsonNode.Parse(data.ToJsonString()), ["card"] = JsonNode.Parse(bound.Card.ToJsonString()) });
        }
        var output = RunNode(check, new JsonObject { ["cases"] = cases }.ToJsonString());
        foreach (var result in JsonNode.Parse(output)!["results"]!.AsArray())
            Official[(string)result!["name"]!] = (result["expanded"]!.AsObject(), result["errors"]!.AsArray().Select(e => (string)e!).ToList());
    }

    public Dictionary<string, HireBot.Cards.BoundCard> Ours { get; } = [];

    public Dictionary<string, (JsonObject Expanded, List<string> Errors)> Official { get; } = [];

    /// <summary>Installs the pinned official packages from package-lock.json; a failure fails the tests, never skips them.</summary>
    private static void NpmCi(string directory)
    {
        using var npm = Process.Start(new ProcessStartInfo("npm", "ci --no-audit --no-fund")
            { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true })!;
        var errors = npm.StandardError.ReadToEndAsync();
        npm.StandardOutput.ReadToEnd();
        npm.WaitForExit();
        if (npm.ExitCode != 0)
            throw new InvalidOperationException($"'npm ci' in {directory} failed (exit {npm.ExitCode}): {errors.Result}");
    }

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
