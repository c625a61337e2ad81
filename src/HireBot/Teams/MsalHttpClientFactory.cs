using Microsoft.Identity.Client;

namespace HireBot.Teams;

/// <summary>
/// Hands MSAL the named <see cref="HttpClient"/> so the host controls its handler (tests make it
/// trust the loopback fake's self-signed certificate: MSAL only accepts https authorities).
/// </summary>
internal sealed class MsalHttpClientFactory(IHttpClientFactory factory) : IMsalHttpClientFactory
{
    public HttpClient GetHttpClient() => factory.CreateClient(ConnectorTokenProvider.HttpClientName);
}
