namespace HireBot.Slack;

/// <summary>
/// A slash command (https://docs.slack.dev/interactivity/implementing-slash-commands/).
/// user_name/channel_name are left out on purpose: ids are stable, names are not and are personal data.
/// </summary>
public sealed record SlackCommand(
    string Command,
    string Text,
    string TeamId,
    string UserId,
    string ChannelId,
    string ResponseUrl,
    string TriggerId,
    string? ApiAppId,
    string? EnterpriseId,
    bool IsEnterpriseInstall);
