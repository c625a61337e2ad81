namespace HireBot.Slack;

/// <summary>The fields of a Slack user object HireBot uses (https://docs.slack.dev/reference/objects/user-object/).</summary>
public sealed record SlackUser(string Id, string? TeamId, string? Email, string? RealName, string? TimeZone, bool IsBot, bool Deleted);
