namespace HireBot.Teams;

/// <summary>
/// One page of <c>GET /v3/conversations/{id}/pagedmembers</c>: the members and, when more are
/// left, the opaque token that asks for the next page.
/// </summary>
/// <remarks>https://learn.microsoft.com/microsoftteams/platform/bots/how-to/get-teams-context#fetch-the-roster-or-user-profile</remarks>
public sealed record PagedMembersResult
{
    public IReadOnlyList<TeamsMember>? Members { get; init; }
    public string? ContinuationToken { get; init; }
}
