namespace HireBot.Slack;

/// <summary>
/// Slack settings. Flat environment variables (SLACK_SIGNING_SECRET, …) are mapped onto these
/// properties explicitly by <see cref="SlackExtensions.AddSlackProtocol"/>, because the
/// default binder would only see them under a "Slack__" prefix. See <see cref="Keys"/> for the table.
/// </summary>
public sealed class SlackOptions
{
    /// <summary>Signing secret from the app's Basic Information page. Empty means every request is rejected.</summary>
    public string SigningSecret { get; set; } = "";

    /// <summary>Single-workspace bot token (xoxb-…); optional when OAuth installs are used.</summary>
    public string BotToken { get; set; } = "";

    public string ClientId { get; set; } = "";

    public string ClientSecret { get; set; } = "";

    /// <summary>Web API base, ending in '/'. A setting so tests aim it at a loopback fake.</summary>
    public string ApiBaseUrl { get; set; } = "https://slack.com/api/";

    /// <summary>OAuth v2 authorize page (https://docs.slack.dev/authentication/installing-with-oauth).</summary>
    public string AuthorizeUrl { get; set; } = "https://slack.com/oauth/v2/authorize";

    /// <summary>Public https URL of GET /slack/oauth/callback; must match the manifest's redirect_urls.</summary>
    public string OAuthRedirectUrl { get; set; } = "";

    /// <summary>Base64 of 32 random bytes: AES-256-GCM key for bot tokens at rest, and (derived) the OAuth state key.</summary>
    public string TokenEncryptionKey { get; set; } = "";

    /// <summary>
    /// Hosts a response_url may point at. Slack only issues hooks.slack.com URLs; refusing others
    /// keeps a forged or mangled URL from receiving our replies (defence in depth: the request that
    /// carried it was signed). Loopback hosts listed here may use http, for tests.
    /// </summary>
    public string[] ResponseUrlHosts { get; set; } = ["hooks.slack.com"];

    /// <summary>Largest inbound body accepted before verification; Slack payloads are a few KB.</summary>
    public int MaxBodyBytes { get; set; } = 256 * 1024;

    /// <summary>Bot scopes requested by the install link; kept equal to manifests/slack/manifest.yaml by a test.</summary>
    public string[] BotScopes { get; set; } = [.. SlackMethodCatalog.RequiredBotScopes];

    public bool OAuthEnabled => ClientId.Length > 0;

    /// <summary>
    /// Workspaces (team ids) that may use the bot (<c>SLACK_ALLOWED_TEAM_IDS</c>, comma list). Required
    /// when the OAuth install flow is on (any workspace could install the app); <c>*</c> is the explicit
    /// opt-in to admit every workspace. Empty in single-workspace mode: only the bot token's own workspace.
    /// </summary>
    public string[] AllowedTeamIds { get; set; } = [];

    /// <summary><c>SLACK_ALLOWED_TEAM_IDS=*</c>: every workspace is admitted, on purpose.</summary>
    public bool OpenAdmission => AllowedTeamIds.Contains(AnyTeam);

    public const string AnyTeam = "*";

    /// <summary>
    /// Whether a team may use the bot: listed (or <c>*</c>); with no list, only <paramref name="homeTeamId"/>,
    /// the workspace SLACK_BOT_TOKEN belongs to (null while unknown: nobody).
    /// </summary>
    public bool AdmitsTeam(string? teamId, string? homeTeamId)
    {
        if (string.IsNullOrEmpty(teamId)) return false;
        if (OpenAdmission) return true;
        return AllowedTeamIds.Length > 0
            ? AllowedTeamIds.Contains(teamId, StringComparer.Ordinal)
            : string.Equals(teamId, homeTeamId, StringComparison.Ordinal);
    }

    /// <summary>Environment variable → property. Values separated by commas for the array settings.</summary>
    public static readonly IReadOnlyDictionary<string, string> Keys = new Dictionary<string, string>
    {
        ["SLACK_SIGNING_SECRET"] = nameof(SigningSecret),
        ["SLACK_BOT_TOKEN"] = nameof(BotToken),
        ["SLACK_CLIENT_ID"] = nameof(ClientId),
        ["SLACK_CLIENT_SECRET"] = nameof(ClientSecret),
        ["SLACK_API_BASE_URL"] = nameof(ApiBaseUrl),
        ["SLACK_AUTHORIZE_URL"] = nameof(AuthorizeUrl),
        ["SLACK_OAUTH_REDIRECT_URL"] = nameof(OAuthRedirectUrl),
        ["SLACK_TOKEN_ENCRYPTION_KEY"] = nameof(TokenEncryptionKey),
        ["SLACK_RESPONSE_URL_HOSTS"] = nameof(ResponseUrlHosts),
        ["SLACK_MAX_BODY_BYTES"] = nameof(MaxBodyBytes),
        ["SLACK_ALLOWED_TEAM_IDS"] = nameof(AllowedTeamIds),
    };
}
