using System.Collections.Concurrent;

namespace HireBot.Teams;

/// <summary>
/// The serviceUrls our connector token may be sent to: only those taken from verified activities
/// (the authenticator adds them) or preloaded from stored conversation references, which were
/// themselves learned from verified activities. Anything else could be an attacker's server.
/// </summary>
/// <remarks>https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-authentication#step-4-verify-the-jwt-token</remarks>
public sealed class TrustedServiceUrls
{
    private readonly ConcurrentDictionary<string, byte> _urls = new(StringComparer.Ordinal);

    public void Trust(string serviceUrl)
    {
        if (Normalize(serviceUrl) is { } key)
            _urls.TryAdd(key, 0);
    }

    /// <summary>Load serviceUrls from stored references at start.</summary>
    public void Preload(IEnumerable<string> serviceUrls)
    {
        foreach (var url in serviceUrls)
            Trust(url);
    }

    public bool IsTrusted(string serviceUrl) => Normalize(serviceUrl) is { } key && _urls.ContainsKey(key);

    // Scheme, host and port compare case-insensitively; the path keeps its case but ignores a trailing slash.
    internal static string? Normalize(string serviceUrl)
    {
        if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.UserInfo))
            return null;
        return $"{uri.Scheme}://{uri.Host.ToLowerInvariant()}:{uri.Port}{uri.AbsolutePath.TrimEnd('/')}";
    }
}
