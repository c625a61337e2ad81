using HireBot.Hiring;
using HireBot.Outbox;

namespace HireBot.Slack;

/// <summary>
/// Before a Slack channel becomes a role's hiring channel: conversations.info says whether it
/// exists, is archived, private, and whether the bot is in it; a public channel the bot is not in
/// is joined (channels:join); a private one needs the recruiter to invite the bot. Runs on the slow
/// command path (Web API calls, not inside Slack's 3 s acknowledgement).
/// </summary>
public sealed class SlackChannelReach(SlackWebApiClient api, SlackWorkspaces workspaces) : IChannelReachCheck
{
    public string Channel => "slack";

    public async Task<ChannelReach> CheckAsync(string recipient, CancellationToken ct)
    {
        if (!Recipients.TryConversation(recipient, out _, out var conversation)) return ChannelReach.Refused(recipient, "That is not a Slack channel.");
        var slash = conversation.IndexOf('/');
        var (team, id) = slash > 0 ? (conversation[..slash], conversation[(slash + 1)..]) : (null, conversation);
        if (id.StartsWith('D'))
            return ChannelReach.Refused(id, "This is a direct message, not a channel. Name a channel the hiring team shares " +
                                            "(`role channel <role-id> #hiring`), or set none and digests go to each recruiter directly.");
        var token = await workspaces.TokenForAsync(team, ct);
        if (token is null) return ChannelReach.Refused(id, "HireBot has no Slack token for this workspace: install the app again.");
        try
        {
            var found = await api.GetConversationAsync(token, id, ct);
            if (found.IsArchived) return ChannelReach.Refused(found.Shown, $"{found.Shown} is archived. Choose a channel the hiring team still uses.");
            if (found.IsMember) return new ChannelReach(true, found.Shown);
            if (found.IsPrivate) return ChannelReach.Refused(found.Shown, InviteFirst(found.Shown));
            var joined = await api.JoinConversationAsync(token, id, ct);
            return new ChannelReach(true, joined.Shown);
        }
        catch (SlackApiException e)
        {
            return ChannelReach.Refused(id, e.ErrorCode switch
            {
                "channel_not_found" => "I cannot see that channel: it does not exist, or it is private and I am not in it. " +
                                       "For a private channel, invite @HireBot there with `/invite @HireBot`, then run this again.",
                "method_not_supported_for_channel_type" => InviteFirst("the channel"),
                "is_archived" => "That channel is archived. Choose a channel the hiring team still uses.",
                "missing_scope" => "HireBot's Slack app lacks the permission to check channels (channels:read, groups:read, channels:join): " +
                                   "reinstall it from manifests/slack/manifest.yaml.",
                _ when e.Kind != SlackFailureKind.Final => "Slack is not answering, so I could not check that I can post there. Try again in a minute.",
                _ => $"I could not check that channel: {e.Reason}.",
            });
        }
    }

    private static string InviteFirst(string shown) =>
        $"{shown} is private and I am not in it: invite @HireBot to {shown} with `/invite @HireBot`, then run this again.";
}
