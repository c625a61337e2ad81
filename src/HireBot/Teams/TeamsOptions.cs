namespace HireBot.Teams;

/// <summary>
/// Settings for the Bot Framework channel, bound from the <c>Teams</c> section
/// (environment: <c>Teams__MicrosoftAppId</c> and so on). Every base URL is a setting so tests
/// can aim the bot at loopback fakes.
/// </summary>
/// <remarks>https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-authentication</remarks>
public sealed class TeamsOptions
{
    public const string SectionName = "Teams";

    /// <summary>The bot's Entra application (client) id. Empty means Teams is not connected.</summary>
    public string? MicrosoftAppId { get; set; }

    public string? MicrosoftAppPassword { get; set; }

    /// <summary>Required for <see cref="TeamsAppType.SingleTenant"/>.</summary>
    public string? MicrosoftAppTenantId { get; set; }

    public TeamsAppType MicrosoftAppType { get; set; } = TeamsAppType.MultiTenant;

    public string OpenIdMetadataUrl { get; set; } = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    /// <summary>The only issuer accepted on inbound connector tokens.</summary>
    public string Issuer { get; set; } = "https://api.botframework.com";

    /// <summary>Entra host for the outbound client-credentials token; MSAL requires https.</summary>
    public string AuthorityHost { get; set; } = "https://login.microsoftonline.com";

    public string OAuthScope { get; set; } = "https://api.botframework.com/.default";

    /// <summary>
    /// Local mode for Agents Playground / Bot Framework Emulator: with no app id configured, accept
    /// requests without an Authorization header, but only from a loopback address and only with a
    /// loopback serviceUrl. Never turn this on in a deployment.
    /// </summary>
    public bool DangerouslyAllowUnauthenticatedLoopback { get; set; }

    /// <summary>Largest inbound activity body read, in bytes.</summary>
    public int MaxActivityBytes { get; set; } = 512 * 1024;

    /// <summary>
    /// Entra tenants whose users may use the bot (<c>Teams__AllowedTenantIds</c>, comma list). Required for
    /// a multi-tenant app (any tenant could install it); <c>*</c> is the explicit opt-in to admit every
    /// tenant. Empty for a single-tenant app: only its own tenant.
    /// </summary>
    public string AllowedTenantIds { get; set; } = "";

    public const string AnyTenant = "*";

    public IReadOnlyList<string> AllowedTenants =>
        AllowedTenantIds.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary><c>Teams__AllowedTenantIds=*</c>: every tenant is admitted, on purpose.</summary>
    public bool OpenAdmission => AllowedTenants.Contains(AnyTenant);

    /// <summary>
    /// Install HireBot for people outside every team it is installed in, through Graph, when a
    /// message is due for them (<c>Teams__ProactiveInstall</c>). Optional; needs the application
    /// permission <c>TeamsAppInstallation.ReadWriteForUser.All</c> granted by an admin, Graph
    /// configured and <see cref="AppCatalogId"/>. Off: such a message fails and the recruiter is told who and why.
    /// </summary>
    public bool ProactiveInstall { get; set; }

    /// <summary>HireBot's id in the organisation's Teams app catalog (<c>Teams__AppCatalogId</c>; not the manifest or Entra id).</summary>
    public string? AppCatalogId { get; set; }

    /// <summary>Listed (or <c>*</c>); with no list only a single-tenant app's own tenant. A multi-tenant app with no list admits nobody.</summary>
    public bool AdmitsTenant(string? tenantId)
    {
        if (string.IsNullOrEmpty(tenantId)) return false;
        if (OpenAdmission) return true;
        var allowed = AllowedTenants.ToList();
        if (allowed.Count == 0 && MicrosoftAppType == TeamsAppType.SingleTenant && !string.IsNullOrEmpty(MicrosoftAppTenantId))
            allowed.Add(MicrosoftAppTenantId);
        return allowed.Contains(tenantId, StringComparer.OrdinalIgnoreCase);
    }

    public bool IsConnected => !string.IsNullOrWhiteSpace(MicrosoftAppId);

    public bool IsLocalMode => !IsConnected && DangerouslyAllowUnauthenticatedLoopback;

    /// <summary>The tenant segment of the token authority: ours when single-tenant, else the Bot Framework tenant.</summary>
    public string AuthorityTenant =>
        MicrosoftAppType == TeamsAppType.SingleTenant ? MicrosoftAppTenantId ?? "" : "botframework.com";
}
