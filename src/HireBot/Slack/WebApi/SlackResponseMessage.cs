using System.Text.Json.Nodes;

namespace HireBot.Slack;

/// <summary>
/// A reply through a response_url (https://docs.slack.dev/interactivity/handling-user-interaction/#message_responses):
/// ephemeral unless InChannel; ReplaceOriginal/DeleteOriginal act on the message that carried the button.
/// </summary>
public sealed record SlackResponseMessage(
    string Text,
    JsonArray? Blocks = null,
    bool InChannel = false,
    bool ReplaceOriginal = false,
    bool DeleteOriginal = false,
    string? ThreadTs = null);
