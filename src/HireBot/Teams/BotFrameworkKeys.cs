using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace HireBot.Teams;

/// <summary>
/// The Bot Connector's OpenID metadata and signing keys, cached by Microsoft.IdentityModel's
/// <see cref="ConfigurationManager{T}"/> (automatic refresh every 12 h; the docs ask for at least
/// daily). A token naming an unknown key id forces one refresh: keys can rotate at any time.
/// </summary>
/// <remarks>https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-authentication#step-2-get-the-list-of-valid-signing-keys</remarks>
public sealed class BotFrameworkKeys
{
    public const string HttpClientName = "HireBot.Teams.OpenId";

    static BotFrameworkKeys()
    {
        // IdentityModel 8 refreshes in the background by default, so RequestRefresh() followed by
        // GetConfigurationAsync() would still return the old keys. Blocking mode makes the next
        // GetConfigurationAsync() fetch the new keys, which the one retry on an unknown kid needs.
        AppContext.SetSwitch("Switch.Microsoft.IdentityModel.UpdateConfigAsBlocking", true);
    }

    private readonly ConfigurationManager<OpenIdConnectConfiguration> _manager;

    public BotFrameworkKeys(IOptions<TeamsOptions> options, IHttpClientFactory httpClientFactory)
    {
        var metadata = new Uri(options.Value.OpenIdMetadataUrl);
        var retriever = new HttpDocumentRetriever(httpClientFactory.CreateClient(HttpClientName))
        {
            // Plain http is only ever accepted for loopback test fakes.
            RequireHttps = !metadata.IsLoopback,
        };
        _manager = new ConfigurationManager<OpenIdConnectConfiguration>(
            metadata.AbsoluteUri, new OpenIdConnectConfigurationRetriever(), retriever);
    }

    public Task<OpenIdConnectConfiguration> GetAsync(CancellationToken cancellationToken) =>
        _manager.GetConfigurationAsync(cancellationToken);

    /// <summary>Ask for fresh keys on the next <see cref="GetAsync"/> (at most once per 5 min, the library's spacing).</summary>
    public void RequestRefresh() => _manager.RequestRefresh();

    /// <summary>The <c>endorsements</c> array published next to key <paramref name="keyId"/>, or null when absent.</summary>
    public static IReadOnlyList<string>? EndorsementsOf(OpenIdConnectConfiguration configuration, string? keyId)
    {
        var key = configuration.JsonWebKeySet?.Keys.FirstOrDefault(k => k.Kid == keyId);
        if (key is null || !key.AdditionalData.TryGetValue("endorsements", out var raw))
            return null;
        return raw switch
        {
            JsonElement { ValueKind: JsonValueKind.Array } array => array.EnumerateArray()
                .Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList(),
            IEnumerable<object> items => items.Select(i => i?.ToString() ?? "").ToList(),
            _ => null,
        };
    }
}
