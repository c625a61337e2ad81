namespace HireBot.Slack;

/// <summary>
/// Common part of an interactivity payload (https://docs.slack.dev/reference/interaction-payloads/).
/// TriggerId lives 3 s and opens one modal; it is null for view_closed.
/// </summary>
public abstract record SlackInteraction(string TeamId, string UserId, string? EnterpriseId, string? TriggerId);
