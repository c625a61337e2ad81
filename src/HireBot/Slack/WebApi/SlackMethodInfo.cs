namespace HireBot.Slack;

/// <summary>One Web API method: its rate tier, the bot scope it needs (null: none), and whether it takes a JSON body.</summary>
public sealed record SlackMethodInfo(string Name, SlackRateTier Tier, string? Scope, bool AcceptsJson);
