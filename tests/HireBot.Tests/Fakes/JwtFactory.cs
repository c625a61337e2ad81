using HireBot.Tests.Support;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace HireBot.Tests.Fakes;

/// <summary>Mints real JWTs the way the Bot Connector does, with knobs to break each check.</summary>
public static class JwtFactory
{
    public const string BotFrameworkIssuer = "https://api.botframework.com";

    public static string Connector(
        TestRsaKey key,
        string audience,
        string? serviceUrl,
        string issuer = BotFrameworkIssuer,
        DateTimeOffset? notBefore = null,
        DateTimeOffset? expires = null,
        string algorithm = SecurityAlgorithms.RsaSha256)
    {
        var now = TestClock.Now;
        var nbf = notBefore ?? now.AddMinutes(-1);
        var claims = new Dictionary<string, object> { ["appid"] = "botframework-connector" };
        if (serviceUrl is not null)
            claims["serviceurl"] = serviceUrl;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = nbf.UtcDateTime,
            NotBefore = nbf.UtcDateTime,
            Expires = (expires ?? now.AddMinutes(59)).UtcDateTime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(key.SecurityKey, algorithm),
        });
    }

    /// <summary>A token signed with a shared secret (HS256): must never pass, whatever the secret.</summary>
    public static string Hmac(string kid, string audience, string serviceUrl) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = BotFrameworkIssuer,
            Audience = audience,
            Expires = TestClock.UtcNow.AddMinutes(30),
            Claims = new Dictionary<string, object> { ["serviceurl"] = serviceUrl },
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(Encoding.UTF8.GetBytes(new string('k', 64))) { KeyId = kid }, SecurityAlgorithms.HmacSha256),
        });

    /// <summary>An unsigned token (<c>alg: none</c>) with otherwise perfect claims.</summary>
    public static string Unsigned(string kid, string audience, string serviceUrl)
    {
        var now = TestClock.Now.ToUnixTimeSeconds();
        var header = JsonSerializer.Serialize(new { alg = "none", typ = "JWT", kid });
        var payload = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["iss"] = BotFrameworkIssuer, ["aud"] = audience, ["nbf"] = now - 60, ["exp"] = now + 3000, ["serviceurl"] = serviceUrl,
        });
        return $"{Base64UrlEncoder.Encode(header)}.{Base64UrlEncoder.Encode(payload)}.";
    }

    /// <summary>A valid token whose signature bytes were altered.</summary>
    public static string Tamper(string token)
    {
        var parts = token.Split('.');
        var signature = Base64UrlEncoder.DecodeBytes(parts[2]);
        signature[10] ^= 0xFF;
        return $"{parts[0]}.{parts[1]}.{Base64UrlEncoder.Encode(signature)}";
    }
}
