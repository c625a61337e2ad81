using System.Text.Json;
using HireBot.Inbox;
using HireBot.Outbox;

namespace HireBot.Teams;

/// <summary>Runs the Teams command messages the inbox accepted (grouped by conversation, so in order).</summary>
public sealed class TeamsInboxHandler(TeamsBot bot) : IInboxHandler
{
    public string Source => TeamsBot.InboxSource;

    public Task<IReadOnlyList<OutboxMessage>> HandleAsync(InboxItem item, CancellationToken ct) => bot.RunCommandAsync(Read(item), ct);

    public IReadOnlyList<OutboxMessage> GiveUp(InboxItem item) => bot.FailureReply(Read(item));

    private static TeamsCommand Read(InboxItem item) =>
        JsonSerializer.Deserialize<TeamsCommand>(item.Payload, TeamsJson.Options) ?? throw new JsonException($"inbox row {item.Id} holds no Teams command");
}
