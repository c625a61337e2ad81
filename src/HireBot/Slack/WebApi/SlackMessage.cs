using System.Text.Json.Nodes;

namespace HireBot.Slack;

/// <summary>
/// An outgoing message. Text is always sent: it is the notification and screen-reader fallback
/// when Blocks are present (https://docs.slack.dev/reference/methods/chat.postMessage#arguments).
/// Blocks come from the card translator, already within Block Kit limits.
/// </summary>
public sealed record SlackMessage(string Channel, string Text, JsonArray? Blocks = null, string? ThreadTs = null);
