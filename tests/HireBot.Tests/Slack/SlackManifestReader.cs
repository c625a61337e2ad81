namespace HireBot.Tests.Slack;

/// <summary>
/// Reads manifests/slack/manifest.yaml by lines. Enough for that file's shape (block mappings,
/// "- item" lists, no flow style or anchors); not a YAML parser.
/// </summary>
internal sealed class SlackManifestReader(IReadOnlyList<string> lines)
{
    private const string HostPrefix = "https://YOUR_HOST";

    public static SlackManifestReader Load()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "manifests", "slack", "manifest.yaml")))
        {
            dir = dir.Parent;
        }

        Assert.NotNull(dir);
        return new SlackManifestReader(File.ReadAllLines(Path.Combine(dir.FullName, "manifests", "slack", "manifest.yaml")));
    }

    /// <summary>Paths of every https://YOUR_HOST/… URL, wherever it appears.</summary>
    public IReadOnlyList<string> HostPaths() =>
        [.. Content().Select(l => l.Trim().TrimStart('-').Trim())
            .Select(l => l.Contains(": ", StringComparison.Ordinal) ? l[(l.IndexOf(": ", StringComparison.Ordinal) + 2)..].Trim() : l)
            .Where(v => v.StartsWith(HostPrefix, StringComparison.Ordinal))
            .Select(v => v[HostPrefix.Length..])];

    /// <summary>Items of the list under the key reached by the given path of keys (e.g. oauth_config, scopes, bot).</summary>
    public IReadOnlyList<string> List(params string[] keys)
    {
        var content = Content().ToList();
        var index = -1;
        var indent = -1;
        foreach (var key in keys)
        {
            index = content.FindIndex(index + 1, l => Indent(l) > indent && l.Trim() == key + ":");
            Assert.True(index >= 0, $"manifest lacks {string.Join('.', keys)}");
            indent = Indent(content[index]);
        }

        return [.. content.Skip(index + 1).TakeWhile(l => Indent(l) > indent)
            .Where(l => l.TrimStart().StartsWith("- ", StringComparison.Ordinal))
            .Select(l => l.TrimStart()[2..].Trim())];
    }

    private static int Indent(string line) => line.Length - line.TrimStart().Length;

    private IEnumerable<string> Content() => lines.Where(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#'));
}
