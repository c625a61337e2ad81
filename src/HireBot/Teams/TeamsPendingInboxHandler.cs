using System.Text.Json;
using HireBot.Inbox;
using HireBot.Outbox;

namespace HireBot.Teams;

/// <summary>
/// Runs the Teams card actions, installs and commands of people not known yet, off the request
/// path: the request only stored them, the worker asks the connector who the sender is (retried on
/// failure) and answers in the conversation, in order with its other rows.
/// </summary>
public sealed class TeamsPendingInboxHandler(TeamsBot bot) : IInboxHandler
{
    public string Source => TeamsBot.PendingSource;

    public Task<IReadOnlyList<OutboxMessage>> HandleAsync(InboxItem item, CancellationToken ct) => bot.RunPendingAsync(Read(item), item.Key, ct);

    public IReadOnlyList<OutboxMessage> GiveUp(InboxItem item) => bot.PendingFailureReply(Read(item), item.Key);

    private static TeamsBot.PendingActivity Read(InboxItem item) =>
        JsonSerializer.Deserialize<TeamsBot.PendingActivity>(item.Payload, TeamsJson.Options) ?? throw new JsonException($"inbox row {item.Id} holds no pending Teams activity");
}
