using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

namespace HireBot.Tests.Teams;

/// <summary>Activities captured from Microsoft 365 Agents Playground (see Samples/README.md), read from the source tree.</summary>
public static class Samples
{
    public static JsonObject Activity(string name) =>
        (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(Folder(), name + ".json")))!["activity"]!;

    private static string Folder([CallerFilePath] string here = "") => Path.Combine(Path.GetDirectoryName(here)!, "Samples");
}
