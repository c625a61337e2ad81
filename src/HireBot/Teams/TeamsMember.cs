namespace HireBot.Teams;

/// <summary>
/// A Teams member from <c>GET /v3/conversations/{id}/members/{memberId}</c>: the place the bot
/// learns a user's work email (joins people across channels) and Entra object id.
/// </summary>
/// <remarks>https://learn.microsoft.com/microsoftteams/platform/bots/how-to/get-teams-context</remarks>
public sealed record TeamsMember
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public string? AadObjectId { get; init; }
    public string? Email { get; init; }
    public string? UserPrincipalName { get; init; }
    public string? GivenName { get; init; }
    public string? Surname { get; init; }
    public string? TenantId { get; init; }
    public string? UserRole { get; init; }
}
