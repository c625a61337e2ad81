using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace HireBot.Slack;

/// <summary>
/// Seals what a Slack background job must carry through Quartz's tables (the response_url, a secret
/// URL that can post into the user's conversation for 30 minutes, and the command's text and sender)
/// with AES-256-GCM, so qrtz_job_details holds no secret and no candidate data. The key is derived
/// (HKDF-SHA256) from SLACK_TOKEN_ENCRYPTION_KEY when set, else from SLACK_SIGNING_SECRET, which every
/// node of a Slack deployment has; the job's name is the associated data, so a sealed value copied
/// onto another job does not open. Format: "s1." + base64(nonce[12] | ciphertext | tag[16]).
/// </summary>
public sealed class SlackJobDataSeal(IOptions<SlackOptions> options)
{
    private const string Prefix = "s1.";

    public string Seal(string plain, string jobName) => Storage.Sealed.Seal(Key(), Prefix, plain, jobName);

    /// <summary>False when the value was tampered with, belongs to another job, or was sealed under another secret.</summary>
    public bool TryOpen(string? sealedValue, string jobName, [NotNullWhen(true)] out string? plain) =>
        Storage.Sealed.TryOpen(Key(), Prefix, sealedValue, jobName, out plain);

    private byte[] Key()
    {
        var o = options.Value;
        var secret = SlackTokenProtector.IsValidKey(o.TokenEncryptionKey) ? Convert.FromBase64String(o.TokenEncryptionKey)
            : o.SigningSecret.Length > 0 ? Encoding.UTF8.GetBytes(o.SigningSecret)
            : throw new InvalidOperationException("SLACK_SIGNING_SECRET is required to run Slack commands in the background.");
        return HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, 32, info: "hirebot slack job data v1"u8.ToArray());
    }
}
