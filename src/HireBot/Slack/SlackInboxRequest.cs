using System.Text.Json;

namespace HireBot.Slack;

/// <summary>
/// A verified Slack request as the inbox stores it for the worker: exactly one of the parsed
/// records. Stored under a key Slack's retries repeat (the event_id; for a command or an
/// interaction, its trigger_id, unique per request), and grouped by person in a workspace, so one
/// person's requests run one at a time and in the order they were made.
/// </summary>
public sealed record SlackInboxRequest(
    SlackCommand? Command = null,
    SlackBlockAction? Click = null,
    SlackViewSubmission? Submission = null,
    SlackEventCallback? Event = null)
{
    /// <summary>The inbox source of Slack requests.</summary>
    public const string InboxSource = "slack";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Serialize() => JsonSerializer.Serialize(this, Json);

    public static SlackInboxRequest Read(string payload) =>
        JsonSerializer.Deserialize<SlackInboxRequest>(payload, Json) ?? throw new JsonException("the inbox row holds no Slack request");

    /// <summary>The person's requests in one workspace run in order.</summary>
    public static string Group(string teamId, string userId) => $"{teamId}/{userId}";
}
