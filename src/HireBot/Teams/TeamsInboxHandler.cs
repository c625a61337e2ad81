using System.Text.Json;
using HireBot.Inbox;

namespace HireBot.Teams;

/// <summary>Runs the Teams command messages the inbox accepted; one conversation's messages in order.</summary>
public sealed class TeamsInboxHandler(TeamsBot bot) : IInboxHandler
{
    public string Source => TeamsBot.InboxSource;

    /// <summary>The key is "conversation|activity id": the conversation is the group.</summary>
    public string GroupOf(InboxItem item) => item.Key[..Math.Max(0, item.Key.LastIndexOf('|'))];

    public Task HandleAsync(InboxItem item, CancellationToken ct) => bot.RunCommandAsync(Read(item), ct);

    public Task GiveUpAsync(InboxItem item, CancellationToken ct) => bot.ReportFailureAsync(Read(item), ct);

    private static TeamsCommand Read(InboxItem item) =>
        JsonSerializer.Deserialize<TeamsCommand>(item.Payload, TeamsJson.Options) ?? throw new JsonException($"inbox row {item.Id} holds no Teams command");
}
