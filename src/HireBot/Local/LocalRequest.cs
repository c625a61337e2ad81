using System.Text.Json;
using System.Text.Json.Nodes;

namespace HireBot.Local;

/// <summary>
/// A command typed (<see cref="Text"/>) or a card button clicked (<see cref="Verb"/> and
/// <see cref="Data"/>) on the local channel, as the inbox stores it. <see cref="Id"/> is its inbox
/// key and names its answer; <see cref="Conversation"/> is the outbox recipient the answer goes to.
/// </summary>
public sealed record LocalRequest(string Id, string From, string? Name, string Conversation, string? Text = null, string? Verb = null, JsonObject? Data = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToPayload() => JsonSerializer.Serialize(this, Json);

    public static LocalRequest Read(string payload) =>
        JsonSerializer.Deserialize<LocalRequest>(payload, Json) ?? throw new JsonException("an inbox row holds no local request");
}
