namespace HireBot.Inbox;

/// <summary>Processes the inbox rows of one <see cref="Source"/>.</summary>
public interface IInboxHandler
{
    string Source { get; }

    /// <summary>
    /// The rows of one group are processed in arrival order, one at a time (a person's commands
    /// run in the order they typed them); different groups run in parallel.
    /// </summary>
    string GroupOf(InboxItem item);

    /// <summary>Processes one row. Throwing means "try again later"; the row is retried with backoff.</summary>
    Task HandleAsync(InboxItem item, CancellationToken ct);

    /// <summary>The row failed for good: tell the person, if that is possible.</summary>
    Task GiveUpAsync(InboxItem item, CancellationToken ct);
}
