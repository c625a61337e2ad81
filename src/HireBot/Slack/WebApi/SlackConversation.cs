namespace HireBot.Slack;

/// <summary>
/// The fields of a conversation object HireBot reads before posting to a channel
/// (https://docs.slack.dev/reference/objects/conversation-object/). IsMember is the bot's own membership.
/// </summary>
public sealed record SlackConversation(string Id, string? Name, bool IsPrivate, bool IsArchived, bool IsMember, bool IsIm)
{
    /// <summary>How a person would name it: <c>#hiring-be</c>, or the id when Slack gave no name.</summary>
    public string Shown => Name is { Length: > 0 } name ? "#" + name : Id;
}
