using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace HireBot.Tests.Fakes;

/// <summary>An RSA signing key with a key id, as published in a JWKS and used by <see cref="JwtFactory"/>.</summary>
public sealed class TestRsaKey(string kid, params string[]? endorsements)
{
    private readonly RSA _rsa = RSA.Create(2048);

    public string Kid { get; } = kid;

    /// <summary>Null: the JWKS entry has no <c>endorsements</c> property at all.</summary>
    public string[]? Endorsements { get; } = endorsements;

    public RsaSecurityKey SecurityKey => new(_rsa) { KeyId = Kid };

    /// <summary>The JWKS entry: public parts only, plus the Bot Framework <c>endorsements</c> extension.</summary>
    public Dictionary<string, object> ToJwk()
    {
        var p = _rsa.ExportParameters(false);
        var jwk = new Dictionary<string, object>
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = Kid,
            ["n"] = Base64UrlEncoder.Encode(p.Modulus),
            ["e"] = Base64UrlEncoder.Encode(p.Exponent),
        };
        if (Endorsements is not null)
            jwk["endorsements"] = Endorsements;
        return jwk;
    }
}
