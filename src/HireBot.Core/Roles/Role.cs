namespace HireBot.Core.Roles;

/// <summary>
/// An open role: a template instance with the people who run it. Recruiters and hiring managers
/// may run its recruiter commands; the digest goes to <see cref="HiringChannel"/>.
/// </summary>
public sealed record Role(
    Guid Id,
    string Slug,
    RoleTemplate Template,
    string? HiringChannel,
    IReadOnlyList<string> Recruiters,
    IReadOnlyList<string> HiringManagers)
{
    public bool IsRecruiterOrManager(string email) =>
        Recruiters.Contains(email, StringComparer.OrdinalIgnoreCase) ||
        HiringManagers.Contains(email, StringComparer.OrdinalIgnoreCase);
}
