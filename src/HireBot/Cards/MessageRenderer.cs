using System.Text.Json.Nodes;

namespace HireBot.Cards;

/// <summary>
/// Turns an outbox row or a reply (template name + data) into the Adaptive Card every channel
/// starts from: Teams sends it as is, Slack translates it to Block Kit, the local channel records it.
/// </summary>
public sealed class MessageRenderer(CardCatalog catalog)
{
    public JsonObject Render(string kind, JsonObject data) => catalog.Bind(kind, data).Card;
}
