using System.Globalization;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using HireBot.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace HireBot.Tests.Fakes.Google;

/// <summary>
/// Google's OAuth token endpoint for a service account's JWT-bearer grant
/// (https://developers.google.com/identity/protocols/oauth2/service-account#httprest): the form
/// carries <c>grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer</c> and an RS256
/// <c>assertion</c> whose claims are iss (the service account), sub (the impersonated user),
/// scope, aud (always Google's token URL) and iat/exp at most an hour apart. The assertion is verified with
/// the service account's public key; the answer is <c>{access_token, expires_in, token_type}</c>,
/// or 400 <c>invalid_grant</c> / 401 <c>unauthorized_client</c> as Google answers.
/// </summary>
public sealed class FakeGoogleTokenEndpoint
{
    public const string ServiceAccount = "hirebot@hirebot-test.iam.gserviceaccount.com";

    private static readonly Lazy<RSA> SharedKey = new(() => RSA.Create(2048));
    private readonly ConcurrentDictionary<string, string> _subjects = new();

    /// <summary>The service account's private key as its JSON key file holds it (PKCS#8 PEM).</summary>
    public static string PrivateKeyPem => SharedKey.Value.ExportPkcs8PrivateKeyPem();

    public Uri Url { get; set; } = null!;

    /// <summary>Who may be impersonated (users of the Workspace); the fake calendar fills it.</summary>
    public Func<string, bool> IsUser { get; set; } = _ => true;

    /// <summary>Scopes granted to the client id under domain-wide delegation.</summary>
    public HashSet<string> DelegatedScopes { get; } = [.. HireBot.Calendar.Google.GoogleOptions.Scopes];

    /// <summary>Each verified assertion's subject and scope, in order.</summary>
    public ConcurrentQueue<(string Subject, string Scope)> Grants { get; } = new();

    /// <summary>The user an access token acts as, or null for a token this endpoint did not issue.</summary>
    public string? SubjectOf(string accessToken) => _subjects.GetValueOrDefault(accessToken);

    public async Task<IResult> IssueAsync(HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        if (form["grant_type"] != "urn:ietf:params:oauth:grant-type:jwt-bearer")
            return Results.Json(new { error = "unsupported_grant_type", error_description = "Invalid grant_type." }, statusCode: 400);
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(form["assertion"].ToString(), new TokenValidationParameters
        {
            ValidIssuer = ServiceAccount,
            // Google documents aud as always https://oauth2.googleapis.com/token, wherever the grant is posted.
            ValidAudience = "https://oauth2.googleapis.com/token",
            IssuerSigningKey = new RsaSecurityKey(SharedKey.Value.ExportParameters(false)),
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            RequireSignedTokens = true,
            // The bot signs with its own clock (the test clock), so lifetimes are checked against it.
            LifetimeValidator = (notBefore, expires, _, _) => expires is { } exp && exp > TestClock.UtcNow && exp - TestClock.UtcNow <= TimeSpan.FromHours(1.1),
        });
        if (!result.IsValid)
            return Results.Json(new { error = "invalid_grant", error_description = "Invalid JWT Signature." }, statusCode: 400);
        var claims = result.Claims;
        var iat = Convert.ToInt64(claims["iat"], CultureInfo.InvariantCulture);
        var exp = Convert.ToInt64(claims["exp"], CultureInfo.InvariantCulture);
        if (exp - iat > 3600) return Results.Json(new { error = "invalid_grant", error_description = "Invalid JWT: Token must be a short-lived token (60 minutes)." }, statusCode: 400);
        var subject = claims.TryGetValue("sub", out var sub) ? sub as string : null;
        var scope = claims.TryGetValue("scope", out var s) ? s as string ?? "" : "";
        if (subject is null || !IsUser(subject))
            return Results.Json(new { error = "invalid_grant", error_description = "Invalid email or User ID" }, statusCode: 400);
        if (scope.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(s => !DelegatedScopes.Contains(s)))
            return Results.Json(new { error = "unauthorized_client", error_description = "Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested." }, statusCode: 401);
        Grants.Enqueue((subject, scope));
        var token = "ya29.fake-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        _subjects[token] = subject;
        return Results.Json(new { access_token = token, expires_in = 3599, token_type = "Bearer" });
    }
}
