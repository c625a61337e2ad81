using System.Text.Json.Nodes;

namespace HireBot.Outbox;

/// <summary>
/// A message to send, written in the same transaction as the state change that caused it.
/// <see cref="Key"/> is the idempotency key: a second write with the same key is ignored, so a
/// retried request or a job fired twice produces one message. <see cref="Recipient"/> is
/// channel-neutral (<see cref="Recipients"/>); <see cref="Kind"/> names the card template and
/// <see cref="Data"/> is what it is bound to. <see cref="LoopId"/>: the loop the message is about,
/// if any; when it finally fails, the loop's recruiters are told (<see cref="UndeliveredReports"/>).
/// </summary>
public sealed record OutboxMessage(
    string Key,
    string Recipient,
    string Kind,
    JsonObject Data,
    DateTimeOffset? NotBefore = null,
    string? ReplacesKey = null,
    Guid? LoopId = null);
