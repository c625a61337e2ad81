namespace HireBot.Slack;

/// <summary>
/// A modal submit (https://docs.slack.dev/reference/interaction-payloads/view-interactions-payload/).
/// Values flattens state.values[block_id][action_id] to action_id → value(s): the Block Kit
/// translator gives every input a view-unique action_id, and a duplicate is a parse error.
/// Ack with <see cref="SlackAck.ViewErrors"/> to keep the modal open with messages, or empty to close.
/// </summary>
public sealed record SlackViewSubmission(
    string TeamId,
    string UserId,
    string? EnterpriseId,
    string? TriggerId,
    string ViewId,
    string CallbackId,
    string? PrivateMetadata,
    string? Hash,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Values)
    : SlackInteraction(TeamId, UserId, EnterpriseId, TriggerId);
