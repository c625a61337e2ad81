using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace HireBot.Slack;

/// <summary>
/// Encrypts bot tokens for storage with AES-256-GCM under SLACK_TOKEN_ENCRYPTION_KEY. The team id is
/// the associated data, so a ciphertext copied onto another team's row fails to decrypt.
/// Format: "v1." + base64(nonce[12] | ciphertext | tag[16]); the prefix leaves room for key rotation.
/// </summary>
public sealed class SlackTokenProtector(IOptions<SlackOptions> options)
{
    private const string Prefix = "v1.";

    public static bool IsValidKey(string base64)
    {
        var bytes = new byte[32];
        return Convert.TryFromBase64String(base64, bytes, out var written) && written == 32;
    }

    public string Protect(string token, string teamId) => Storage.Sealed.Seal(Key(), Prefix, token, teamId);

    /// <summary>False when the value was tampered with, belongs to another team, or was made with another key.</summary>
    public bool TryUnprotect(string protectedToken, string teamId, [NotNullWhen(true)] out string? token) =>
        Storage.Sealed.TryOpen(Key(), Prefix, protectedToken, teamId, out token);

    /// <summary>A sub-key for another purpose (OAuth state MAC), so one secret never serves two algorithms.</summary>
    internal byte[] DeriveKey(string purpose) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, Key(), 32, info: Encoding.UTF8.GetBytes(purpose));

    private byte[] Key()
    {
        var key = options.Value.TokenEncryptionKey;
        return IsValidKey(key)
            ? Convert.FromBase64String(key)
            : throw new InvalidOperationException("SLACK_TOKEN_ENCRYPTION_KEY must be base64 of exactly 32 bytes.");
    }
}
