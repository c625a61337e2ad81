using System.Text.Json.Nodes;

namespace HireBot.Cards;

/// <summary>
/// A template bound to data. <see cref="Unresolved"/> lists the template expressions whose data
/// was missing (left as literal <c>${…}</c> text, as the official templating package does);
/// it is empty for complete data. It holds template text only, never data, so it may be logged.
/// </summary>
public sealed record BoundCard(JsonObject Card, IReadOnlyList<string> Unresolved);
