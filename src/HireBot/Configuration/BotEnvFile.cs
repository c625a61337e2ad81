namespace HireBot.Configuration;

/// <summary>
/// Reads an optional bot.env file (KEY=VALUE lines, # comments, optional quotes) into
/// configuration, below environment variables so a variable always wins. Keys use the
/// environment-variable convention: <c>Slack__SigningSecret</c> means <c>Slack:SigningSecret</c>.
/// </summary>
public static class BotEnvFile
{
    public static IDictionary<string, string?> Read(string path)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (!File.Exists(path)) return values;
        var lineNo = 0;
        foreach (var raw in File.ReadLines(path))
        {
            lineNo++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            if (line.StartsWith("export ", StringComparison.Ordinal)) line = line[7..].TrimStart();
            var eq = line.IndexOf('=');
            if (eq <= 0) throw new InvalidOperationException($"{path} line {lineNo}: expected KEY=VALUE.");
            var value = line[(eq + 1)..].Trim();
            if (value.Length >= 2 && (value[0] == '"' && value[^1] == '"' || value[0] == '\'' && value[^1] == '\'')) value = value[1..^1];
            values[line[..eq].Trim().Replace("__", ":")] = value;
        }
        return values;
    }
}
