namespace HireBot.Teams;

/// <summary>The Teams-specific <c>channelData</c> fields HireBot reads.</summary>
/// <remarks>https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/subscribe-to-conversation-events</remarks>
public sealed record TeamsChannelData
{
    public TeamsChannelDataItem? Tenant { get; init; }
    public TeamsChannelDataItem? Team { get; init; }
    public TeamsChannelDataItem? Channel { get; init; }
    public string? EventType { get; init; }
}
