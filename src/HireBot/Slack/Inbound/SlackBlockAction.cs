namespace HireBot.Slack;

/// <summary>
/// A block_actions click (https://docs.slack.dev/reference/interaction-payloads/block_actions-payload/).
/// On a message surface ChannelId/MessageTs/ResponseUrl are set; on a modal surface ViewId is.
/// Values holds the button value, or the selected option value(s) of a select.
/// </summary>
public sealed record SlackBlockAction(
    string TeamId,
    string UserId,
    string? EnterpriseId,
    string? TriggerId,
    string ActionId,
    string? BlockId,
    IReadOnlyList<string> Values,
    string? ChannelId,
    string? MessageTs,
    string? ResponseUrl,
    string? ViewId,
    string? ViewPrivateMetadata)
    : SlackInteraction(TeamId, UserId, EnterpriseId, TriggerId)
{
    public string? Value => Values.Count > 0 ? Values[0] : null;
}
