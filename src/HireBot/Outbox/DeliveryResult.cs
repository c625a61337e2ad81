using System.Text.Json.Nodes;

namespace HireBot.Outbox;

/// <summary>
/// How one send went, classified once so the dispatcher can act: sent (with the platform ids to
/// update it later), retry after a delay (429, 5xx, timeouts), or final failure (other 4xx, a
/// blocked bot, an unknown person) recorded with its reason.
/// </summary>
public abstract record DeliveryResult
{
    public sealed record Sent(string Channel, JsonObject? Reference) : DeliveryResult;
    public sealed record Retry(TimeSpan After, string Reason) : DeliveryResult;
    public sealed record Failed(string Reason) : DeliveryResult;
    /// <summary>Not sent, not tried: a rate limit said wait. <paramref name="Slotted"/>: the wait is a slot reserved for this row alone.</summary>
    public sealed record Deferred(TimeSpan After, string Reason, bool Slotted = false) : DeliveryResult;
}
