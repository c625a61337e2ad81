namespace HireBot.Teams;

/// <summary>
/// What the bot must store to reach a person or a channel later (proactive messages). Refresh it
/// from every verified activity: Teams may move a tenant to another <see cref="ServiceUrl"/>.
/// </summary>
/// <remarks>https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/send-proactive-messages</remarks>
/// <param name="ConversationId">As received; a channel reply thread carries <c>;messageid=…</c>.</param>
/// <param name="ConversationType"><c>personal</c>, <c>groupChat</c> or <c>channel</c>.</param>
/// <param name="BotId">The bot as addressed on this channel (<c>28:{appId}</c> in Teams).</param>
/// <param name="UserId">The sender's channel id (<c>29:…</c> in Teams), the id for a 1:1 create-conversation.</param>
public sealed record TeamsConversationReference(
    string ServiceUrl,
    string ChannelId,
    string ConversationId,
    string? ConversationType,
    string? TenantId,
    string? BotId,
    string? UserId,
    string? UserAadObjectId,
    string? TeamId)
{
    /// <summary>The conversation id without a reply-thread suffix: posting here starts a new channel thread.</summary>
    public string BaseConversationId
    {
        get
        {
            var cut = ConversationId.IndexOf(";messageid=", StringComparison.OrdinalIgnoreCase);
            return cut < 0 ? ConversationId : ConversationId[..cut];
        }
    }

    public bool IsPersonal => string.Equals(ConversationType, "personal", StringComparison.OrdinalIgnoreCase);
}
