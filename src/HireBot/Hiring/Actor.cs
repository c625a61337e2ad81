namespace HireBot.Hiring;

/// <summary>
/// Who is talking to the bot, once the channel adapter has verified the request and resolved
/// the platform account to a work email. <see cref="ReplyTo"/> is the outbox recipient for
/// answers that are not returned inline (for example a channel where the command was typed).
/// </summary>
public sealed record Actor(string Email, string DisplayName, string Channel, string? ReplyTo = null);
