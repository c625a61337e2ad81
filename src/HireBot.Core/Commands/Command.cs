namespace HireBot.Core.Commands;

/// <summary>A parsed command: its spec and its named arguments.</summary>
public sealed record Command(CommandSpec Spec, IReadOnlyDictionary<string, string> Values)
{
    public string Name => Spec.Name;

    public string? this[string name] => Values.TryGetValue(name, out var v) ? v : null;

    public string Required(string name) =>
        this[name] ?? throw new InvalidOperationException($"The grammar guarantees '{name}' for '{Name}'.");
}
