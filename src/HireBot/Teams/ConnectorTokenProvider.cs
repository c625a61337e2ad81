using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;

namespace HireBot.Teams;

/// <summary>
/// The bot's outbound token for the Bot Connector: client credentials against
/// <c>{AuthorityHost}/{tenant}</c> (tenant <c>botframework.com</c> when multi-tenant), scope
/// <c>https://api.botframework.com/.default</c>. MSAL's in-memory app cache keeps the token and
/// renews it shortly before expiry. Instance discovery is off so MSAL never calls Microsoft's
/// global discovery endpoint for a configured (or loopback) authority.
/// </summary>
/// <remarks>https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-authentication#bot-to-connector</remarks>
public sealed class ConnectorTokenProvider
{
    public const string HttpClientName = "HireBot.Teams.Entra";

    private readonly TeamsOptions _options;
    private readonly ILogger<ConnectorTokenProvider> _logger;
    private readonly IConfidentialClientApplication? _app;

    public ConnectorTokenProvider(IOptions<TeamsOptions> options, IHttpClientFactory httpClientFactory, ILogger<ConnectorTokenProvider> logger)
    {
        _options = options.Value;
        _logger = logger;
        if (!_options.IsConnected)
            return;
        var authority = $"{_options.AuthorityHost.TrimEnd('/')}/{_options.AuthorityTenant}";
        _app = ConfidentialClientApplicationBuilder.Create(_options.MicrosoftAppId)
            .WithClientSecret(_options.MicrosoftAppPassword)
            .WithAuthority(authority, validateAuthority: false)
            .WithInstanceDiscovery(false)
            .WithHttpClientFactory(new MsalHttpClientFactory(httpClientFactory))
            .Build();
    }

    /// <summary>
    /// The bearer token, or null in local mode (no app id: the local tools expect no token).
    /// Throws <see cref="ConnectorTokenUnavailableException"/> when the authority refuses or is unreachable.
    /// </summary>
    public async Task<string?> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (_app is null)
            return null;
        try
        {
            var result = await _app.AcquireTokenForClient([_options.OAuthScope]).ExecuteAsync(cancellationToken);
            return result.AccessToken;
        }
        catch (Exception e) when (e is MsalException or HttpRequestException)
        {
            TeamsLog.TokenFailed(_logger, e);
            throw new ConnectorTokenUnavailableException(e);
        }
    }
}
