using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace HireBot.Cards;

/// <summary>
/// The card templates, read once at start from the output folder (the host project copies
/// /cards/*.json to bin/cards) and validated, so an unsupported expression stops the host
/// instead of reaching a panelist. Parsed templates are cached; binding never touches the disk.
/// </summary>
public sealed class CardCatalog
{
    private readonly FrozenDictionary<string, JsonObject> _templates;
    private readonly CardTemplateBinder _binder;
    private readonly ILogger<CardCatalog> _logger;

    private CardCatalog(FrozenDictionary<string, JsonObject> templates, CardTemplateBinder binder, ILogger<CardCatalog> logger)
    {
        _templates = templates;
        _binder = binder;
        _logger = logger;
    }

    /// <summary>Default location: the <c>cards</c> folder next to the host assembly.</summary>
    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "cards");

    public IReadOnlyCollection<string> Names => _templates.Keys;

    /// <summary>Loads every <c>*.json</c> in <paramref name="directory"/>; throws <see cref="CardTemplateException"/> for a missing folder, bad JSON or an unsupported expression.</summary>
    public static CardCatalog Load(string directory, CardTemplateBinder binder, ILogger<CardCatalog> logger)
    {
        if (!Directory.Exists(directory))
            throw new CardTemplateException($"Card template folder '{directory}' does not exist; the host project copies /cards/*.json there.");
        var templates = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(directory, "*.json"))
        {
            var name = Path.GetFileNameWithoutExtension(path);
            try
            {
                if (JsonNode.Parse(File.ReadAllText(path)) is not JsonObject template)
                    throw new CardTemplateException($"Card template '{name}' is not a JSON object.");
                binder.Validate(template);
                templates[name] = template;
            }
            catch (JsonException e)
            {
                throw new CardTemplateException($"Card template '{name}' is not valid JSON: {e.Message}");
            }
        }
        var missing = CardNames.All.Where(n => !templates.ContainsKey(n)).ToList();
        if (missing.Count > 0)
            throw new CardTemplateException($"Card templates missing from '{directory}': {string.Join(", ", missing)}.");
        CardsLog.TemplatesLoaded(logger, templates.Count, directory);
        return new CardCatalog(templates.ToFrozenDictionary(StringComparer.Ordinal), binder, logger);
    }

    /// <summary>A copy of the raw template, for tests and tools.</summary>
    public JsonObject Template(string name) => (JsonObject)Get(name).DeepClone();

    /// <summary>Binds template <paramref name="name"/> (see <see cref="CardNames"/>) to <paramref name="data"/> shaped as cards/README.md describes.</summary>
    public BoundCard Bind(string name, JsonNode? data)
    {
        var bound = _binder.Bind(Get(name), data);
        foreach (var expression in bound.Unresolved)
            CardsLog.UnresolvedExpression(_logger, name, expression);
        return bound;
    }

    private JsonObject Get(string name) =>
        _templates.TryGetValue(name, out var template)
            ? template
            : throw new ArgumentException($"Unknown card template '{name}'.", nameof(name));
}
