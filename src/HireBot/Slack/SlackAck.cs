using System.Text.Json.Nodes;

namespace HireBot.Slack;

/// <summary>
/// The immediate HTTP answer to a command or interaction, sent within Slack's 3 s.
/// Body null → empty 200 (for a view_submission: close the modal).
/// https://docs.slack.dev/surfaces/modals/#interactions (response_action)
/// </summary>
public sealed record SlackAck(JsonObject? Body)
{
    public static SlackAck Empty { get; } = new((JsonObject?)null);

    /// <summary>Reply only the invoker sees (the default response_type).</summary>
    public static SlackAck Ephemeral(string text) => new(new JsonObject { ["response_type"] = "ephemeral", ["text"] = text });

    public static SlackAck InChannel(string text) => new(new JsonObject { ["response_type"] = "in_channel", ["text"] = text });

    /// <summary>Keeps the modal open with a message under each input block (keyed by block_id).</summary>
    public static SlackAck ViewErrors(IReadOnlyDictionary<string, string> errorsByBlockId)
    {
        var errors = new JsonObject();
        foreach (var (block, message) in errorsByBlockId)
        {
            errors[block] = message;
        }

        return new(new JsonObject { ["response_action"] = "errors", ["errors"] = errors });
    }

    public static SlackAck ViewUpdate(JsonObject view) =>
        new(new JsonObject { ["response_action"] = "update", ["view"] = view.DeepClone() });

    /// <summary>Closes every view in the stack.</summary>
    public static SlackAck ViewClear() => new(new JsonObject { ["response_action"] = "clear" });
}
