using HireBot.Hiring;
using HireBot.Outbox;

namespace HireBot.Teams;

/// <summary>
/// Before a Teams conversation becomes a role's hiring channel: the bot can post only where it is
/// installed (a team's channels, a group chat) or has been talked to (a personal chat), and Teams
/// tells it so by sending activities from there, which <see cref="TeamsDirectory"/> remembers. A
/// conversation it has never heard from (a channel name typed by hand, a team without the app) is
/// refused with what to do. Reads the database only.
/// </summary>
public sealed class TeamsChannelReach(TeamsDirectory directory) : IChannelReachCheck
{
    public string Channel => "teams";

    public async Task<ChannelReach> CheckAsync(string recipient, CancellationToken ct)
    {
        if (!Recipients.TryConversation(recipient, out _, out var id)) return ChannelReach.Refused(recipient, "That is not a Teams conversation.");
        var thread = id.IndexOf(";messageid=", StringComparison.Ordinal);
        return await directory.ConversationAsync(thread < 0 ? id : id[..thread], ct) is null
            ? ChannelReach.Refused(id, "HireBot is not in that Teams conversation, so it cannot post there. Add the HireBot app to the team, " +
                "then say `role channel <role> here` in the channel the hiring team uses.")
            : new ChannelReach(true, HiringChannel.Display(recipient));
    }
}
