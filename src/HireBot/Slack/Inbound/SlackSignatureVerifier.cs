using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace HireBot.Slack;

/// <summary>
/// Checks X-Slack-Signature over the raw body before anything is parsed
/// (https://docs.slack.dev/authentication/verifying-requests-from-slack/).
/// The window is |now − ts| ≤ 300 s in both directions, as python-slack-sdk does; Bolt JS only
/// rejects old timestamps, which would accept a request dated in the future indefinitely.
/// A replay inside the window still verifies: Slack gives no nonce, so replays are stopped by the
/// lead's unique keys (event_id, idempotent submissions), not here.
/// </summary>
public sealed class SlackSignatureVerifier(IOptions<SlackOptions> options, TimeProvider time)
{
    public const string TimestampHeader = "X-Slack-Request-Timestamp";
    public const string SignatureHeader = "X-Slack-Signature";
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    private const string Version = "v0";

    public SlackSignatureCheck Verify(string? timestamp, string? signature, ReadOnlySpan<byte> body)
    {
        var secret = options.Value.SigningSecret;
        if (string.IsNullOrEmpty(secret))
        {
            return SlackSignatureCheck.NoSecretConfigured;
        }

        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature))
        {
            return SlackSignatureCheck.MissingHeaders;
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return SlackSignatureCheck.MalformedTimestamp;
        }

        var now = time.GetUtcNow().ToUnixTimeSeconds();
        if (Math.Abs(now - seconds) > (long)Window.TotalSeconds)
        {
            return SlackSignatureCheck.OutsideWindow;
        }

        if (!signature.StartsWith(Version + "=", StringComparison.Ordinal))
        {
            return SlackSignatureCheck.UnknownVersion;
        }

        var expected = Compute(secret, timestamp, body);
        var given = Encoding.ASCII.GetBytes(signature.AsSpan(Version.Length + 1).ToString().ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(expected, given)
            ? SlackSignatureCheck.Valid
            : SlackSignatureCheck.Mismatch;
    }

    /// <summary>Lowercase hex of HMAC-SHA256("v0:{ts}:{body}") as ASCII bytes.</summary>
    internal static byte[] Compute(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes($"{Version}:{timestamp}:");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message);
        return Encoding.ASCII.GetBytes(Convert.ToHexStringLower(mac));
    }
}
