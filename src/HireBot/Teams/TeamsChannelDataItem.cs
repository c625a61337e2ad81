namespace HireBot.Teams;

/// <summary>A tenant, team or channel reference inside Teams <c>channelData</c>.</summary>
public sealed record TeamsChannelDataItem
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public string? AadGroupId { get; init; }
}
