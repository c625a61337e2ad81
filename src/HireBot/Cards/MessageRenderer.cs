using System.Text.Json.Nodes;

namespace HireBot.Cards;

/// <summary>
/// Turns an outbox row (template name + data) into the message a platform shows. Until the
/// card templates are bound here, the rendered form is the template name with its data.
/// </summary>
public sealed class MessageRenderer
{
    public JsonObject Render(string kind, JsonObject data) => new() { ["template"] = kind, ["data"] = data.DeepClone() };
}
