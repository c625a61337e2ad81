using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace HireBot.Teams;

/// <summary>
/// The Bot Connector's OpenID metadata and signing keys, cached for 12 h (the docs ask for at
/// least a daily refresh). A token naming an unknown key id may force one refresh, at most every
/// 5 minutes, because keys can rotate at any time.
/// </summary>
/// <remarks>
/// https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-authentication#step-2-get-the-list-of-valid-signing-keys
/// Not IdentityModel's <c>ConfigurationManager</c>: in 8.x its <c>RequestRefresh()</c> refreshes in
/// the background, so an immediate retry still sees the old keys, and the blocking mode is a
/// process-wide AppContext switch read once on first use. This cache keeps the same intervals and
/// the library's metadata and JWKS parsing, with a refresh the retry can wait for.
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "A SemaphoreSlim holds no native handle unless AvailableWaitHandle is used; the key cache lives as long as the process.")]
public sealed class BotFrameworkKeys
{
    public const string HttpClientName = "HireBot.Teams.OpenId";

    private static readonly TimeSpan AutomaticRefreshInterval = TimeSpan.FromHours(12);
    private static readonly TimeSpan ForcedRefreshSpacing = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan RetryAfterFailedFetch = TimeSpan.FromMinutes(5);

    private readonly string _metadataUrl;
    private readonly HttpDocumentRetriever _retriever;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _fetch = new(1, 1);
    private readonly Lock _gate = new();
    private OpenIdConnectConfiguration? _current;
    private DateTimeOffset _refreshDue;
    private DateTimeOffset? _lastForcedRefresh;

    public BotFrameworkKeys(IOptions<TeamsOptions> options, IHttpClientFactory httpClientFactory, TimeProvider timeProvider)
    {
        var metadata = new Uri(options.Value.OpenIdMetadataUrl);
        _metadataUrl = metadata.AbsoluteUri;
        // Plain http is only ever accepted for loopback test fakes.
        _retriever = new HttpDocumentRetriever(httpClientFactory.CreateClient(HttpClientName)) { RequireHttps = !metadata.IsLoopback };
        _time = timeProvider;
    }

    /// <summary>The cached configuration; fetches when missing, due, or a refresh was granted. Throws <see cref="InvalidOperationException"/> when nothing was ever fetched.</summary>
    public async Task<OpenIdConnectConfiguration> GetAsync(CancellationToken cancellationToken)
    {
        if (Fresh() is { } cached)
            return cached;
        await _fetch.WaitAsync(cancellationToken);
        try
        {
            if (Fresh() is { } fetchedMeanwhile)
                return fetchedMeanwhile;
            try
            {
                var configuration = await OpenIdConnectConfigurationRetriever.GetAsync(_metadataUrl, _retriever, cancellationToken);
                lock (_gate)
                {
                    _current = configuration;
                    _refreshDue = _time.GetUtcNow() + AutomaticRefreshInterval;
                }
                return configuration;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                lock (_gate)
                {
                    // Keep the last good keys; try the network again a little later.
                    _refreshDue = _time.GetUtcNow() + RetryAfterFailedFetch;
                    return _current ?? throw new InvalidOperationException("The Bot Framework OpenID metadata could not be fetched.", e);
                }
            }
        }
        finally
        {
            _fetch.Release();
        }
    }

    /// <summary>
    /// Ask for fresh keys on the next <see cref="GetAsync"/>. Granted the first time and then at
    /// most every 5 minutes, so tokens with made-up key ids cannot hammer the metadata endpoint.
    /// </summary>
    /// <returns>False when a refresh was refused (too soon); the caller should not retry.</returns>
    public bool RequestRefresh()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (_lastForcedRefresh is { } last && now - last < ForcedRefreshSpacing)
                return false;
            _lastForcedRefresh = now;
            _refreshDue = now;
            return true;
        }
    }

    private OpenIdConnectConfiguration? Fresh()
    {
        lock (_gate)
            return _current is not null && _time.GetUtcNow() < _refreshDue ? _current : null;
    }

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
