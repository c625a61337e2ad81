using HireBot.Inbox;
using HireBot.Outbox;

namespace HireBot.Slack;

/// <summary>Runs the Slack commands, clicks, submissions and events the inbox accepted (one person's in order).</summary>
public sealed class SlackInboxHandler(SlackBot bot) : IInboxHandler
{
    public string Source => SlackInboxRequest.InboxSource;

    public Task<IReadOnlyList<OutboxMessage>> HandleAsync(InboxItem item, CancellationToken ct) =>
        bot.RunAsync(SlackInboxRequest.Read(item.Payload), ReplyKey(item), item.Attempt, ct);

    public IReadOnlyList<OutboxMessage> GiveUp(InboxItem item) => bot.GiveUp(SlackInboxRequest.Read(item.Payload), ReplyKey(item));

    private static string ReplyKey(InboxItem item) => $"slack-reply:{item.Key}";
}
