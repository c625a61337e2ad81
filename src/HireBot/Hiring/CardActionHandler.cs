using System.Text.Json.Nodes;

namespace HireBot.Hiring;

/// <summary>Routes a card action by verb to the feature that owns it; an unknown verb is a plain error reply.</summary>
public sealed class CardActionHandler(IEnumerable<ICardActionFeature> features)
{
    private readonly Dictionary<string, ICardActionFeature> _byVerb = features
        .SelectMany(f => f.Verbs.Select(v => (v, f))).ToDictionary(x => x.v, x => x.f, StringComparer.Ordinal);

    public IReadOnlyCollection<string> Verbs => _byVerb.Keys;

    public Task<BotReply> HandleAsync(Actor actor, string verb, JsonObject data, CancellationToken ct) =>
        _byVerb.TryGetValue(verb, out var feature)
            ? feature.HandleAsync(actor, verb, data, ct)
            : Task.FromResult(BotReply.Error($"This button (`{verb}`) is not something I know how to handle."));
}
