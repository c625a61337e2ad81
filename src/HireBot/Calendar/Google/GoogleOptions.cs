namespace HireBot.Calendar.Google;

/// <summary>
/// Google Calendar settings, bound from the <c>Google</c> section (environment
/// <c>Google__ServiceAccountEmail</c> and so on). The service account needs domain-wide delegation
/// for <see cref="Scopes"/> (README, "Google Calendar").
/// </summary>
public sealed class GoogleOptions
{
    public const string Section = "Google";

    /// <summary>
    /// Scopes the service account asks for, each granted to its client id under domain-wide
    /// delegation: events on the organiser's calendar, free/busy of everyone
    /// (https://developers.google.com/workspace/calendar/api/v3/reference/freebusy/query) and each
    /// person's time zone setting (https://developers.google.com/workspace/calendar/api/v3/reference/settings/get).
    /// </summary>
    public static readonly IReadOnlyList<string> Scopes =
    [
        "https://www.googleapis.com/auth/calendar.events",
        "https://www.googleapis.com/auth/calendar.freebusy",
        "https://www.googleapis.com/auth/calendar.settings.readonly",
    ];

    /// <summary>Calendar API root including the version; tests point it at a loopback fake.</summary>
    public Uri BaseUrl { get; set; } = new("https://www.googleapis.com/calendar/v3/");

    /// <summary>OAuth token endpoint of the JWT-bearer grant; tests point it at a loopback fake.</summary>
    public Uri TokenUrl { get; set; } = new("https://oauth2.googleapis.com/token");

    /// <summary>The service account's email (<c>client_email</c> of its JSON key).</summary>
    public string? ServiceAccountEmail { get; set; }

    /// <summary>The service account's PEM private key (<c>private_key</c> of its JSON key).</summary>
    public string? PrivateKey { get; set; }

    /// <summary>A file holding the PEM private key, instead of <see cref="PrivateKey"/>.</summary>
    public string? PrivateKeyFile { get; set; }

    /// <summary>
    /// The Workspace user the service account impersonates: interview events live on its primary
    /// calendar and invitations come from it (for example recruiting@yourcompany.com).
    /// </summary>
    public string? OrganizerEmail { get; set; }

    /// <summary>Calendars per freeBusy.query call; Google allows at most 50 (calendarExpansionMax).</summary>
    public int MaxCalendarsPerFreeBusyCall { get; set; } = 50;

    /// <summary>
    /// Longest window per freeBusy.query call. The reference names no limit, but Google answers
    /// "The requested time range is too long." past about 90 days (cal.com#11962); we stay at 60.
    /// </summary>
    public int MaxFreeBusyWindowDays { get; set; } = 60;

    /// <summary>Attempts per call when Google throttles (403 rateLimitExceeded/userRateLimitExceeded, 429) or answers 5xx.</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>First backoff; each retry doubles it, with full jitter (https://cloud.google.com/storage/docs/retry-strategy).</summary>
    public int BackoffMilliseconds { get; set; } = 500;

    /// <summary>Time one call may spend backing off before it gives up as throttled (the outbox retries later).</summary>
    public int RetryBudgetSeconds { get; set; } = 20;

    public bool IsRequested =>
        !string.IsNullOrWhiteSpace(ServiceAccountEmail) || !string.IsNullOrWhiteSpace(OrganizerEmail)
        || !string.IsNullOrWhiteSpace(PrivateKey) || !string.IsNullOrWhiteSpace(PrivateKeyFile);

    /// <summary>The PEM key from the setting or its file (settings files often hold it with literal \n).</summary>
    public string ReadPrivateKey() =>
        (PrivateKey is { Length: > 0 } key ? key : File.ReadAllText(PrivateKeyFile!)).Replace("\\n", "\n", StringComparison.Ordinal);

    /// <summary>Problems that stop the Google calendar from starting, each naming its variable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(ServiceAccountEmail)) errors.Add("Google__ServiceAccountEmail is required when the Google calendar is configured.");
        if (string.IsNullOrWhiteSpace(OrganizerEmail)) errors.Add("Google__OrganizerEmail is required when the Google calendar is configured.");
        if (string.IsNullOrWhiteSpace(PrivateKey) && string.IsNullOrWhiteSpace(PrivateKeyFile))
            errors.Add("Google__PrivateKey or Google__PrivateKeyFile is required when the Google calendar is configured.");
        else if (string.IsNullOrWhiteSpace(PrivateKey) && !File.Exists(PrivateKeyFile))
            errors.Add($"Google__PrivateKeyFile '{PrivateKeyFile}' does not exist.");
        if (!BaseUrl.IsAbsoluteUri) errors.Add("Google__BaseUrl must be an absolute URL.");
        if (!TokenUrl.IsAbsoluteUri) errors.Add("Google__TokenUrl must be an absolute URL.");
        if (MaxCalendarsPerFreeBusyCall is < 1 or > 50) errors.Add("Google__MaxCalendarsPerFreeBusyCall must be between 1 and 50.");
        if (MaxFreeBusyWindowDays is < 1 or > 90) errors.Add("Google__MaxFreeBusyWindowDays must be between 1 and 90.");
        if (MaxAttempts is < 1 or > 20) errors.Add("Google__MaxAttempts must be between 1 and 20.");
        if (BackoffMilliseconds is < 1 or > 60_000) errors.Add("Google__BackoffMilliseconds must be between 1 and 60000.");
        if (RetryBudgetSeconds is < 1 or > 600) errors.Add("Google__RetryBudgetSeconds must be between 1 and 600.");
        return errors;
    }
}
