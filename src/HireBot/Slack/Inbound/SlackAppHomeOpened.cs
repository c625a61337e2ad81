namespace HireBot.Slack;

/// <summary>A user opened the app's Home or Messages tab (https://docs.slack.dev/reference/events/app_home_opened/).</summary>
public sealed record SlackAppHomeOpened(string UserId, string? ChannelId, string? Tab) : SlackEvent("app_home_opened");
