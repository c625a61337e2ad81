namespace HireBot.Slack;

/// <summary>
/// One Web API method: its rate tier, the bot scopes it needs (empty: none; several when the scope
/// depends on the conversation type, e.g. channels:read for public and groups:read for private
/// channels), and whether it takes a JSON body.
/// </summary>
public sealed record SlackMethodInfo(string Name, SlackRateTier Tier, IReadOnlyList<string> Scopes, bool AcceptsJson);
