namespace HireBot.Slack;

/// <summary>Sent only for views opened with notify_on_close; IsCleared when the whole stack closed.</summary>
public sealed record SlackViewClosed(
    string TeamId,
    string UserId,
    string? EnterpriseId,
    string ViewId,
    string CallbackId,
    string? PrivateMetadata,
    bool IsCleared)
    : SlackInteraction(TeamId, UserId, EnterpriseId, null);
