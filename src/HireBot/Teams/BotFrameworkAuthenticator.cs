using System.Net;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace HireBot.Teams;

/// <summary>
/// Verifies a request from the Bot Connector before anything in its body is acted on: Bearer JWT
/// (issuer, audience = our app id, RS256/384/512, lifetime with 5 min skew, key from the OpenID
/// metadata), then, reading only <c>channelId</c> and <c>serviceUrl</c> from the body, the signing
/// key's endorsement of the channel and the <c>serviceurl</c> claim. Every check comes from
/// https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-authentication
/// </summary>
public sealed partial class BotFrameworkAuthenticator(
    IOptions<TeamsOptions> options,
    BotFrameworkKeys keys,
    TrustedServiceUrls trustedServiceUrls,
    TimeProvider clock,
    ILogger<BotFrameworkAuthenticator> logger)
{
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);
    private const int RememberedTokens = 1024;
    private static readonly string[] AllowedAlgorithms =
        [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512];

    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    /// <summary>
    /// Tokens already verified, by their exact text. The connector sends the same token with every
    /// activity for up to an hour, and checking its RS256 signature is the dearest step of a
    /// request. A remembered token is used only until it expires, only while the signing keys it
    /// was checked against are still the current ones, and only for the same app and issuer.
    /// </summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Remembered> _verified = new(StringComparer.Ordinal);

    /// <param name="authorization">The raw <c>Authorization</c> header, or null.</param>
    /// <param name="body">The raw request body, not yet parsed.</param>
    /// <param name="remoteAddress">The caller's address; only matters in local mode.</param>
    public async Task<BotAuthResult> AuthenticateAsync(
        string? authorization, ReadOnlyMemory<byte> body, IPAddress? remoteAddress, CancellationToken cancellationToken)
    {
        var result = await CheckAsync(authorization, body, remoteAddress, cancellationToken);
        if (result.Succeeded)
            trustedServiceUrls.Trust(result.ServiceUrl!);
        else
            TeamsLog.InboundRejected(logger, result.Failure, result.StatusCode);
        return result;
    }

    private async Task<BotAuthResult> CheckAsync(
        string? authorization, ReadOnlyMemory<byte> body, IPAddress? remoteAddress, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.IsConnected)
            return CheckLocalMode(settings, authorization, body, remoteAddress);
        if (string.IsNullOrEmpty(authorization))
            return BotAuthResult.Fail(BotAuthFailure.MissingAuthorizationHeader);
        // Exactly "Bearer <token>", as botbuilder's JwtTokenExtractor splits it.
        var parts = authorization.Split(' ');
        if (parts.Length != 2 || parts[0] != "Bearer" || parts[1].Length == 0)
            return BotAuthResult.Fail(BotAuthFailure.NotBearerScheme);

        var validated = await ValidateTokenAsync(parts[1], settings, cancellationToken);
        if (validated.Failure != BotAuthFailure.None)
            return BotAuthResult.Fail(validated.Failure);

        if (ActivityRoute.Read(body) is not { } route)
            return BotAuthResult.Fail(BotAuthFailure.MalformedActivity, 400);
        // An empty channelId passes the endorsement check, as in botbuilder's EndorsementsValidator.
        if (route.ChannelId.Length > 0)
        {
            var endorsements = BotFrameworkKeys.EndorsementsOf(validated.Configuration!, validated.KeyId);
            if (endorsements is null || !endorsements.Contains(route.ChannelId, StringComparer.OrdinalIgnoreCase))
                return BotAuthResult.Fail(BotAuthFailure.MissingEndorsement, 403);
        }
        var claim = validated.Identity!.FindFirst("serviceurl")?.Value;
        if (string.IsNullOrEmpty(claim))
            return BotAuthResult.Fail(BotAuthFailure.MissingServiceUrlClaim);
        if (!string.Equals(claim, route.ServiceUrl, StringComparison.OrdinalIgnoreCase))
            return BotAuthResult.Fail(BotAuthFailure.ServiceUrlMismatch);
        return BotAuthResult.Verified(validated.Identity, route.ServiceUrl, route.ChannelId);
    }

    // Local mode: no app id, the loud switch on, a loopback caller and no token. A token is not
    // checked here: without an app id there is no audience to check it against.
    private static BotAuthResult CheckLocalMode(TeamsOptions settings, string? authorization, ReadOnlyMemory<byte> body, IPAddress? remoteAddress)
    {
        if (!settings.DangerouslyAllowUnauthenticatedLoopback || !string.IsNullOrEmpty(authorization))
            return BotAuthResult.Fail(BotAuthFailure.NotConfigured);
        if (remoteAddress is null || !IPAddress.IsLoopback(remoteAddress))
            return BotAuthResult.Fail(BotAuthFailure.LocalModeNotLoopback);
        if (ActivityRoute.Read(body) is not { } route)
            return BotAuthResult.Fail(BotAuthFailure.MalformedActivity, 400);
        // The replies go to this serviceUrl without a token; keep even that on this machine.
        if (!Uri.TryCreate(route.ServiceUrl, UriKind.Absolute, out var serviceUri) || !serviceUri.IsLoopback)
            return BotAuthResult.Fail(BotAuthFailure.LocalModeNotLoopback);
        return BotAuthResult.Anonymous(route.ServiceUrl, route.ChannelId);
    }

    private async Task<TokenCheck> ValidateTokenAsync(string token, TeamsOptions settings, CancellationToken cancellationToken)
    {
        // A token verified before (the connector sends one for many requests) was read and its
        // algorithm allowed then: it is not parsed again on every request.
        if (!_verified.ContainsKey(token))
        {
            string algorithm;
            try
            {
                algorithm = _handler.ReadJsonWebToken(token).Alg;
            }
            catch (Exception e) when (e is ArgumentException or SecurityTokenException)
            {
                return TokenCheck.Failed(BotAuthFailure.MalformedToken);
            }
            // Checked up front for a precise reason; the library folds a disallowed algorithm (and
            // alg none) into a generic signature failure, and still enforces ValidAlgorithms below.
            if (!AllowedAlgorithms.Contains(algorithm))
                return TokenCheck.Failed(BotAuthFailure.DisallowedAlgorithm);
        }
        for (var attempt = 0; ; attempt++)
        {
            OpenIdConnectConfiguration configuration;
            try
            {
                configuration = await keys.GetAsync(cancellationToken);
            }
            catch (InvalidOperationException)
            {
                return TokenCheck.Failed(BotAuthFailure.MetadataUnavailable);
            }
            var now = clock.GetUtcNow();
            if (_verified.TryGetValue(token, out var known))
            {
                if (ReferenceEquals(known.Check.Configuration, configuration) && now < known.ValidTo + ClockSkew &&
                    known.AppId == settings.MicrosoftAppId && known.Issuer == settings.Issuer)
                    return known.Check;
                _verified.TryRemove(token, out _);
            }
            var result = await _handler.ValidateTokenAsync(token, Parameters(settings, configuration));
            if (result.IsValid)
            {
                var jwt = (JsonWebToken)result.SecurityToken;
                var check = new TokenCheck(BotAuthFailure.None, result.ClaimsIdentity, configuration, jwt.SigningKey?.KeyId ?? jwt.Kid);
                Remember(token, new Remembered(check, new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero), settings.MicrosoftAppId, settings.Issuer), now);
                return check;
            }
            var failure = Classify(result.Exception);
            if (failure != BotAuthFailure.UnknownSigningKey || attempt > 0 || !keys.RequestRefresh())
                return TokenCheck.Failed(failure);
        }
    }

    private void Remember(string token, Remembered entry, DateTimeOffset now)
    {
        if (_verified.Count >= RememberedTokens)
        {
            foreach (var (stale, _) in _verified.Where(p => now >= p.Value.ValidTo + ClockSkew))
                _verified.TryRemove(stale, out _);
            if (_verified.Count >= RememberedTokens) _verified.Clear();
        }
        _verified[token] = entry;
    }

    // The lifetime check on the injected clock, so it and the memory above agree on what "now" is;
    // failures keep the library's exception types, which Classify maps to precise reasons.
    private bool Lifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (expires is null)
            throw new SecurityTokenNoExpirationException("The token has no expiry.");
        if (notBefore is { } nbf && nbf > now + ClockSkew)
            throw new SecurityTokenNotYetValidException("The token is not valid yet.") { NotBefore = nbf };
        if (expires.Value < now - ClockSkew)
            throw new SecurityTokenExpiredException("The token has expired.") { Expires = expires.Value };
        return true;
    }

    private sealed record Remembered(TokenCheck Check, DateTimeOffset ValidTo, string? AppId, string? Issuer);

    private TokenValidationParameters Parameters(TeamsOptions settings, OpenIdConnectConfiguration configuration) => new()
    {
        ValidateIssuer = true,
        ValidIssuer = settings.Issuer,
        ValidateAudience = true,
        ValidAudience = settings.MicrosoftAppId,
        ValidateLifetime = true,
        RequireExpirationTime = true,
        ClockSkew = ClockSkew,
        LifetimeValidator = Lifetime,
        RequireSignedTokens = true,
        ValidateIssuerSigningKey = false,
        ValidAlgorithms = AllowedAlgorithms,
        IssuerSigningKeys = configuration.SigningKeys,
        TryAllIssuerSigningKeys = false,
    };

    private static BotAuthFailure Classify(Exception? exception) => exception switch
    {
        SecurityTokenExpiredException => BotAuthFailure.Expired,
        SecurityTokenNotYetValidException => BotAuthFailure.NotYetValid,
        SecurityTokenInvalidIssuerException => BotAuthFailure.WrongIssuer,
        SecurityTokenInvalidAudienceException => BotAuthFailure.WrongAudience,
        SecurityTokenSignatureKeyNotFoundException => BotAuthFailure.UnknownSigningKey,
        SecurityTokenInvalidAlgorithmException => BotAuthFailure.DisallowedAlgorithm,
        SecurityTokenInvalidSignatureException => BotAuthFailure.BadSignature,
        SecurityTokenMalformedException => BotAuthFailure.MalformedToken,
        _ => BotAuthFailure.InvalidToken,
    };

    private sealed record TokenCheck(
        BotAuthFailure Failure,
        ClaimsIdentity? Identity,
        OpenIdConnectConfiguration? Configuration,
        string? KeyId)
    {
        public static TokenCheck Failed(BotAuthFailure failure) => new(failure, null, null, null);
    }
}
