using System.Text.Json.Nodes;
using HireBot.Cards;
using Microsoft.Extensions.Logging.Abstractions;

namespace HireBot.Tests.Cards;

/// <summary>Locates the repository (cards/, sample data, tests/cards-check) from the test output folder.</summary>
internal static class CardSamples
{
    public static string RepoRoot { get; } = FindRoot();

    public static string CardsDirectory => Path.Combine(RepoRoot, "cards");

    public static string CheckDirectory => Path.Combine(RepoRoot, "tests", "cards-check");

    /// <summary>Every sample: (sample name, template name, data). "scorecard.errors" binds template "scorecard".</summary>
    public static IEnumerable<(string Sample, string Template, JsonNode Data)> All() =>
        Directory.EnumerateFiles(Path.Combine(RepoRoot, "tests", "HireBot.Tests", "Cards", "Samples"), "*.json")
            .Order(StringComparer.Ordinal)
            .Select(path =>
            {
                var sample = Path.GetFileNameWithoutExtension(path);
                return (sample, sample.Split('.')[0], JsonNode.Parse(File.ReadAllText(path))!);
            });

    public static JsonNode Data(string sample) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepoRoot, "tests", "HireBot.Tests", "Cards", "Samples", sample + ".json")))!;

    public static CardCatalog Catalog() =>
        CardCatalog.Load(CardsDirectory, new CardTemplateBinder(), NullLogger<CardCatalog>.Instance);

    public static JsonObject Bound(string sample) =>
        Catalog().Bind(sample.Split('.')[0], Data(sample)).Card;

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "HireBot.sln")))
                return dir.FullName;
        throw new InvalidOperationException("HireBot.sln not found above " + AppContext.BaseDirectory);
    }
}
