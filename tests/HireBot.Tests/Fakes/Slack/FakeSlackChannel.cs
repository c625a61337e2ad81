namespace HireBot.Tests.Fakes.Slack;

/// <summary>
/// A channel in FakeSlack's workspace. BotIsMember is whether HireBot's bot user is in it (changed
/// by conversations.join or <see cref="FakeSlack.AddChannel"/>); a private channel the bot is not in
/// is invisible to it, as in Slack (channel_not_found), and so is a Deleted one.
/// </summary>
public sealed record FakeSlackChannel(string Id, string Name, bool IsPrivate = false, bool IsArchived = false, bool BotIsMember = false, bool Deleted = false);
