using System.Text.Json.Nodes;
using HireBot.Hiring;
using HireBot.Inbox;
using HireBot.Outbox;

namespace HireBot.Local;

/// <summary>
/// Runs the local channel's commands and clicks the inbox accepted (one conversation's in order),
/// like Slack's and Teams': the answer is an outbox row to the conversation, which
/// <see cref="LocalChannelClient"/> records marked with the request it answers
/// (<see cref="ReplyField"/>), where GET /local/messages?replyTo= finds it.
/// </summary>
public sealed class LocalInboxHandler(Commands.CommandDispatcher commands, Commands.CardActionDispatcher actions, PeopleStore people) : IInboxHandler
{
    public const string InboxSource = "local";

    /// <summary>The field of a reply row's data that names the request and keeps what the card cannot show; removed before rendering.</summary>
    public const string ReplyField = "localReply";

    private const string Failed = "Sorry, something went wrong while running that, and it was not completed. Please try it again.";

    public string Source => InboxSource;

    public async Task<IReadOnlyList<OutboxMessage>> HandleAsync(InboxItem item, CancellationToken ct)
    {
        var request = LocalRequest.Read(item.Payload);
        var actor = new Actor(request.From, request.Name ?? request.From, "local", request.Conversation);
        BotReply reply;
        if (request.Verb is { } verb)
        {
            reply = await actions.HandleAsync(actor, verb, request.Data ?? new JsonObject(), ct);
        }
        else
        {
            await people.LinkAsync("local", request.From, request.From, null, null, null, null, ct);
            reply = await commands.HandleAsync(actor, request.Text ?? "", ct);
        }
        return [Reply(request, reply)];
    }

    public IReadOnlyList<OutboxMessage> GiveUp(InboxItem item) => [Reply(LocalRequest.Read(item.Payload), BotReply.Error(Failed))];

    private static OutboxMessage Reply(LocalRequest request, BotReply reply)
    {
        var data = (JsonObject)reply.Data.DeepClone();
        data[ReplyField] = new JsonObject
        {
            ["request"] = request.Id, ["isError"] = reply.IsError, ["public"] = reply.Public, ["replaces"] = reply.Replaces,
        };
        return new OutboxMessage($"local-reply:{request.Id}", request.Conversation, reply.Kind, data);
    }
}
