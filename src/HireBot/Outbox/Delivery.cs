using System.Text.Json.Nodes;

namespace HireBot.Outbox;

/// <summary>A message claimed from the outbox, handed to a channel client. <paramref name="ClaimedAt"/>: when this claim's lease began; <paramref name="OrgId"/>: the organisation it is sent for.</summary>
public sealed record Delivery(
    long Id,
    string Key,
    string Recipient,
    string Kind,
    JsonObject Data,
    int Attempt,
    JsonObject? Replaces,
    Guid ClaimToken,
    DateTimeOffset ClaimedAt,
    Guid OrgId = default);
