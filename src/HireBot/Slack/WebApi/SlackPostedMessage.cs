namespace HireBot.Slack;

/// <summary>Where a message landed: chat.update needs both the channel id (C…/D…) and ts.</summary>
public sealed record SlackPostedMessage(string ChannelId, string Ts);
