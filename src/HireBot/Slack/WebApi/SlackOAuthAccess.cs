namespace HireBot.Slack;

/// <summary>The parts of an oauth.v2.access answer HireBot keeps; BotToken is plaintext and must be protected before storage.</summary>
public sealed record SlackOAuthAccess(
    string TeamId, string? TeamName, string? EnterpriseId, string BotUserId, string BotToken, string? AppId, IReadOnlyList<string> Scopes);
