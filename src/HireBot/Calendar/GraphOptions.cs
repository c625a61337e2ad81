namespace HireBot.Calendar;

/// <summary>
/// Microsoft Graph calendar settings, bound from the <c>Graph</c> configuration section
/// (environment <c>Graph__BaseUrl</c> and so on). The app credentials fall back to the
/// Azure.Identity variables <c>AZURE_TENANT_ID</c>, <c>AZURE_CLIENT_ID</c>, <c>AZURE_CLIENT_SECRET</c>.
/// </summary>
public sealed class GraphOptions
{
    public const string Section = "Graph";

    /// <summary>Graph root including the version segment; tests point it at a loopback fake.</summary>
    public Uri BaseUrl { get; set; } = new("https://graph.microsoft.com/v1.0");

    /// <summary>Entra authority host for the client-credentials token.</summary>
    public Uri AuthorityHost { get; set; } = new("https://login.microsoftonline.com/");

    /// <summary>App-only scope; national clouds use their own Graph host here.</summary>
    public string Scope { get; set; } = "https://graph.microsoft.com/.default";

    public string? TenantId { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>
    /// The mailbox that owns interview events and sends the invitations (for example a recruiting
    /// shared mailbox). getSchedule is also called on it; it reads the other mailboxes.
    /// </summary>
    public string? OrganizerMailbox { get; set; }

    /// <summary>Entities per getSchedule call; Graph allows 20.</summary>
    public int MaxMailboxesPerScheduleCall { get; set; } = 20;

    /// <summary>
    /// Longest window per getSchedule call. The current page says under 62 days, older revisions
    /// 42; we stay at 42 (https://learn.microsoft.com/graph/outlook-get-free-busy-schedule).
    /// </summary>
    public int MaxScheduleWindowDays { get; set; } = 42;

    /// <summary>True when any Graph credential or the organizer is set, i.e. Graph is intended.</summary>
    public bool IsRequested =>
        !string.IsNullOrWhiteSpace(TenantId) || !string.IsNullOrWhiteSpace(ClientId)
        || !string.IsNullOrWhiteSpace(ClientSecret) || !string.IsNullOrWhiteSpace(OrganizerMailbox);

    /// <summary>Problems that stop the Graph calendar from starting, each naming its variable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        Require(TenantId, "AZURE_TENANT_ID (or Graph__TenantId)");
        Require(ClientId, "AZURE_CLIENT_ID (or Graph__ClientId)");
        Require(ClientSecret, "AZURE_CLIENT_SECRET (or Graph__ClientSecret)");
        Require(OrganizerMailbox, "Graph__OrganizerMailbox");
        if (!BaseUrl.IsAbsoluteUri)
        {
            errors.Add("Graph__BaseUrl must be an absolute URL.");
        }

        if (AuthorityHost.Scheme != Uri.UriSchemeHttps)
        {
            errors.Add("Graph__AuthorityHost must be an https URL.");
        }

        if (MaxMailboxesPerScheduleCall is < 1 or > 20)
        {
            errors.Add("Graph__MaxMailboxesPerScheduleCall must be between 1 and 20.");
        }

        if (MaxScheduleWindowDays is < 1 or > 61)
        {
            errors.Add("Graph__MaxScheduleWindowDays must be between 1 and 61.");
        }

        return errors;

        void Require(string? value, string name)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                errors.Add($"{name} is required when the Graph calendar is configured.");
            }
        }
    }
}
