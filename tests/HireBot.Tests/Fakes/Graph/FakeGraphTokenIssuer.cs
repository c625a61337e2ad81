using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Azure.Core.Pipeline;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace HireBot.Tests.Fakes.Graph;

/// <summary>
/// A loopback Entra token endpoint for Azure.Identity's client-credentials flow. It serves HTTPS
/// with a certificate made here because Azure.Identity accepts only https authority hosts; the
/// credential trusts exactly that certificate through <see cref="CreateTrustingTransport"/>.
/// Access tokens are real JWTs signed with a test RSA key that <see cref="FakeGraph"/> verifies.
/// </summary>
public sealed class FakeGraphTokenIssuer : IAsyncDisposable
{
    public const string TenantId = "5f0c1b9e-2d7a-4c3e-9b1a-6e8f0a2b3c4d";
    public const string ClientId = "8a7b6c5d-4e3f-4a1b-9c8d-7e6f5a4b3c2d";
    public const string ClientSecret = "graph-test-secret";
    public const string Audience = "https://graph.microsoft.com";

    // Made once per test run: RSA key generation dominates start-up on a busy 2-core machine.
    private static readonly Lazy<X509Certificate2> SharedCertificate = new(CreateCertificate);
    private static readonly Lazy<RsaSecurityKey> SharedSigningKey = new(() => new(RSA.Create(2048)) { KeyId = "graph-test-key" });

    private readonly WebApplication _app;
    private readonly X509Certificate2 _certificate;
    private readonly RsaSecurityKey _signingKey = SharedSigningKey.Value;
    private int _tokensIssued;

    private FakeGraphTokenIssuer(X509Certificate2 certificate)
    {
        _certificate = certificate;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.UseHttps(certificate)));
        _app = builder.Build();
        _app.MapPost("/{tenant}/oauth2/v2.0/token", IssueAsync);
        _app.MapGet("/{tenant}/v2.0/.well-known/openid-configuration", (string tenant) => Results.Json(new
        {
            issuer = Issuer,
            token_endpoint = $"{AuthorityHost}{tenant}/oauth2/v2.0/token",
            authorization_endpoint = $"{AuthorityHost}{tenant}/oauth2/v2.0/authorize",
        }));
    }

    public Uri AuthorityHost { get; private set; } = null!;

    public string Issuer => $"{AuthorityHost}{TenantId}/v2.0";

    public int TokensIssued => Volatile.Read(ref _tokensIssued);

    public static async Task<FakeGraphTokenIssuer> StartAsync()
    {
        var issuer = new FakeGraphTokenIssuer(SharedCertificate.Value);
        await issuer._app.StartAsync();
        issuer.AuthorityHost = new Uri(issuer._app.Urls.Single() + "/");
        return issuer;
    }

    /// <summary>An Azure.Core transport that trusts this issuer's certificate and nothing else.</summary>
    public HttpPipelineTransport CreateTrustingTransport() => new HttpClientTransport(new HttpClientHandler
    {
        ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
            certificate is not null && certificate.Thumbprint == _certificate.Thumbprint,
    });

    public async Task<bool> IsValidAsync(string token)
    {
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = Audience,
            IssuerSigningKey = _signingKey,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        });
        return result.IsValid && result.Claims.TryGetValue("appid", out var appId) && (string)appId == ClientId;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
    }

    private async Task<IResult> IssueAsync(string tenant, HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        if (tenant != TenantId || form["grant_type"] != "client_credentials"
            || form["client_id"] != ClientId || form["client_secret"] != ClientSecret)
        {
            return Results.Json(new { error = "invalid_client" }, statusCode: 401);
        }

        if (form["scope"] != $"{Audience}/.default")
        {
            return Results.Json(new { error = "invalid_scope" }, statusCode: 400);
        }

        Interlocked.Increment(ref _tokensIssued);
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Expires = DateTime.UtcNow.AddHours(1),
            Subject = new ClaimsIdentity([new Claim("appid", ClientId), new Claim("tid", TenantId)]),
            SigningCredentials = new SigningCredentials(_signingKey, SecurityAlgorithms.RsaSha256),
        });
        return Results.Json(new { token_type = "Bearer", expires_in = 3599, ext_expires_in = 3599, access_token = token });
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));

        // Round-trip through PKCS#12 so the private key is usable by the TLS stack.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }
}
