using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HireBot.Tests.Fakes;

/// <summary>
/// Loopback stand-in for the Bot Framework OpenID issuer and the Entra token endpoint, over https
/// (MSAL insists). Serves the metadata document, a JWKS with an endorsed key (<c>msteams</c>) and
/// one without endorsements, and client-credentials tokens; records every token request.
/// </summary>
public sealed class FakeEntra : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<TestRsaKey> _published;
    private int _keysFetched;

    public TestRsaKey EndorsedKey { get; } = new("endorsed-key", "msteams");
    public TestRsaKey UnendorsedKey { get; } = new("bare-key", null);

    public ConcurrentQueue<TokenRequest> TokenRequests { get; } = new();

    public string BaseUrl { get; }

    /// <summary>When true the token endpoint answers 401 <c>invalid_client</c>, as for a wrong secret.</summary>
    public bool RefuseClientCredentials { get; set; }
    public string MetadataUrl => $"{BaseUrl}/v1/.well-known/openidconfiguration";
    public int KeysFetched => _keysFetched;

    /// <summary>The access token the token endpoint hands out (a JWT with aud https://api.botframework.com).</summary>
    public string IssuedAccessToken { get; }

    private FakeEntra(WebApplication app, string baseUrl, List<TestRsaKey> published, string accessToken)
    {
        _app = app;
        BaseUrl = baseUrl;
        _published = published;
        IssuedAccessToken = accessToken;
    }

    public static async Task<FakeEntra> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.UseHttps(LoopbackCertificate.Certificate)));
        var app = builder.Build();
        var published = new List<TestRsaKey>();
        var tokenKey = new TestRsaKey("entra-token-key");
        FakeEntra? self = null;
        app.MapGet("/v1/.well-known/openidconfiguration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = JwtFactory.BotFrameworkIssuer,
            ["authorization_endpoint"] = "https://invalid.example/authorize",
            ["jwks_uri"] = $"{self!.BaseUrl}/v1/.well-known/keys",
            ["id_token_signing_alg_values_supported"] = (string[])["RS256"],
            ["token_endpoint_auth_methods_supported"] = (string[])["private_key_jwt"],
        }));
        app.MapGet("/v1/.well-known/keys", () =>
        {
            Interlocked.Increment(ref self!._keysFetched);
            lock (published)
                return Results.Json(new { keys = published.Select(k => k.ToJwk()).ToArray() });
        });
        app.MapPost("/{tenant}/oauth2/v2.0/token", async (string tenant, HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            self!.TokenRequests.Enqueue(new TokenRequest(tenant, form.ToDictionary(f => f.Key, f => f.Value.ToString())));
            if (self.RefuseClientCredentials)
                return Results.Json(new { error = "invalid_client", error_description = "AADSTS7000215: Invalid client secret provided." }, statusCode: 401);
            return Results.Json(new { token_type = "Bearer", expires_in = 3600, ext_expires_in = 3600, access_token = self.IssuedAccessToken });
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        var accessToken = JwtFactory.Connector(tokenKey, "https://api.botframework.com", serviceUrl: null, issuer: "https://login.microsoftonline.com/botframework.com/v2.0");
        self = new FakeEntra(app, address.TrimEnd('/'), published, accessToken);
        self.Publish(self.EndorsedKey);
        self.Publish(self.UnendorsedKey);
        return self;
    }

    /// <summary>Add a key to the JWKS, as when Microsoft rotates keys.</summary>
    public void Publish(TestRsaKey key)
    {
        lock (_published)
            _published.Add(key);
    }

    /// <summary>Take a key out of the JWKS, as when Microsoft retires one.</summary>
    public void Withdraw(TestRsaKey key)
    {
        lock (_published)
            _published.Remove(key);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    public sealed record TokenRequest(string Tenant, Dictionary<string, string> Form);
}
