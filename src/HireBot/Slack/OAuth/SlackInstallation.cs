namespace HireBot.Slack;

/// <summary>
/// What the lead stores per team after an install (one row per TeamId, replaced on reinstall).
/// EncryptedBotToken comes from <see cref="SlackTokenProtector.Protect"/> with TeamId as associated data.
/// </summary>
public sealed record SlackInstallation(
    string TeamId, string? TeamName, string? EnterpriseId, string BotUserId, string EncryptedBotToken, IReadOnlyList<string> Scopes);
