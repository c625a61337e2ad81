namespace HireBot.Organisations;

/// <summary>
/// One organisation as the settings describe it (<c>Orgs__&lt;key&gt;__…</c>, each a comma list):
/// the Teams tenants and Slack workspaces (team ids, or Enterprise Grid ids) that belong to it,
/// its email domains (addresses in them join a person's accounts across those tenants and
/// workspaces), and its admins' emails. <see cref="CalendarProvider"/> (<c>Orgs__&lt;key&gt;__CalendarProvider</c>:
/// graph, google or local) overrides <c>Calendar__Provider</c> for this organisation.
/// </summary>
public sealed record OrgSettings(string Key, IReadOnlyList<string> TeamsTenantIds, IReadOnlyList<string> SlackTeamIds,
    IReadOnlyList<string> EmailDomains, IReadOnlyList<string> Admins)
{
    public const string Section = "Orgs";

    public static readonly OrgSettings None = new("", [], [], [], []);

    public string? CalendarProvider { get; init; }

    /// <summary>Whether <paramref name="email"/> is in one of the organisation's configured domains.</summary>
    public bool OwnsDomainOf(string email)
    {
        var at = email.LastIndexOf('@');
        return at > 0 && EmailDomains.Contains(email[(at + 1)..], StringComparer.OrdinalIgnoreCase);
    }

    public bool IsAdmin(string email) => Admins.Contains(email, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every <c>Orgs:&lt;key&gt;</c> section. A list is a comma list or indexed children (<c>…__TeamsTenantIds__0</c>).</summary>
    public static IReadOnlyList<OrgSettings> Read(IConfiguration configuration) =>
        configuration.GetSection(Section).GetChildren().Select(org => new OrgSettings(org.Key.Trim().ToLowerInvariant(),
            List(org, "TeamsTenantIds"), List(org, "SlackTeamIds"),
            List(org, "EmailDomains").Select(d => d.TrimStart('@').ToLowerInvariant()).ToList(),
            List(org, "Admins").Select(a => a.ToLowerInvariant()).ToList())
        {
            CalendarProvider = org["CalendarProvider"] is { Length: > 0 } provider ? provider.Trim().ToLowerInvariant() : null,
        }).ToList();

    private static List<string> List(IConfigurationSection org, string name)
    {
        var section = org.GetSection(name);
        var values = section.Value is { } single ? [single] : section.GetChildren().Select(c => c.Value ?? "");
        return values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct().ToList();
    }
}
