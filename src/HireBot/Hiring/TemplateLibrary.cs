using HireBot.Core.Roles;

namespace HireBot.Hiring;

/// <summary>
/// The role templates shipped in templates/ (copied beside the binary). Loaded and validated
/// once at start: a broken built-in template stops the bot with the field at fault.
/// </summary>
public sealed class TemplateLibrary
{
    public const string Default = "backend-engineer";
    private readonly Dictionary<string, RoleTemplate> _templates = new(StringComparer.OrdinalIgnoreCase);

    public TemplateLibrary()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "templates");
        foreach (var file in Directory.Exists(folder) ? Directory.GetFiles(folder, "*.json") : [])
        {
            var parsed = RoleTemplateJson.Parse(File.ReadAllText(file));
            if (!parsed.IsOk) throw new InvalidOperationException($"Template {Path.GetFileName(file)}: {parsed.Error}");
            _templates[parsed.Value!.Id] = parsed.Value;
        }
        if (!_templates.ContainsKey(Default)) throw new InvalidOperationException($"The built-in template '{Default}' is missing from {folder}.");
    }

    public IReadOnlyCollection<string> Ids => _templates.Keys;

    public RoleTemplate? Find(string id) => _templates.GetValueOrDefault(id);
}
