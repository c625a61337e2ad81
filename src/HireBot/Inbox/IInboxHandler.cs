using HireBot.Outbox;

namespace HireBot.Inbox;

/// <summary>Processes the inbox rows of one <see cref="Source"/>.</summary>
public interface IInboxHandler
{
    string Source { get; }

    /// <summary>
    /// Processes one row and returns the messages to send for it (its reply). The worker writes
    /// them to the outbox in the same transaction that marks the row done. Throwing means "try
    /// again later"; the row is retried with backoff, and its group waits for it.
    /// </summary>
    Task<IReadOnlyList<OutboxMessage>> HandleAsync(InboxItem item, CancellationToken ct);

    /// <summary>The row failed for good: the messages that tell the person, written as it is marked failed.</summary>
    IReadOnlyList<OutboxMessage> GiveUp(InboxItem item);
}
