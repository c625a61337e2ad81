using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace HireBot.Slack;

/// <summary>
/// OAuth v2 install (https://docs.slack.dev/authentication/installing-with-oauth). The state is
/// stateless on the server: nonce and expiry, MACed with a key derived from SLACK_TOKEN_ENCRYPTION_KEY,
/// and also set as a cookie so a state minted for one browser cannot complete in another (CSRF).
/// </summary>
public sealed class SlackInstallFlow(
    IOptions<SlackOptions> options, SlackTokenProtector protector, SlackWebApiClient client, TimeProvider time)
{
    public const string StateCookie = "hirebot_slack_state";
    public static readonly TimeSpan StateLifetime = TimeSpan.FromMinutes(10);

    public SlackInstallStart Start()
    {
        var payload = new byte[24];
        RandomNumberGenerator.Fill(payload.AsSpan(0, 16));
        BinaryPrimitives.WriteInt64BigEndian(payload.AsSpan(16), (time.GetUtcNow() + StateLifetime).ToUnixTimeSeconds());
        var state = $"{WebEncoders.Base64UrlEncode(payload)}.{WebEncoders.Base64UrlEncode(Mac(payload))}";
        var o = options.Value;
        var query = new Dictionary<string, string?>
        {
            ["client_id"] = o.ClientId,
            ["scope"] = string.Join(',', o.BotScopes),
            ["redirect_uri"] = o.OAuthRedirectUrl,
            ["state"] = state,
        };
        return new SlackInstallStart(new Uri(QueryHelpers.AddQueryString(o.AuthorizeUrl, query)), state);
    }

    public SlackOAuthStateCheck CheckState(string? state, string? cookie)
    {
        if (string.IsNullOrEmpty(state))
        {
            return SlackOAuthStateCheck.Missing;
        }

        var parts = state.Split('.');
        byte[] payload, mac;
        try
        {
            (payload, mac) = parts.Length == 2 ? (WebEncoders.Base64UrlDecode(parts[0]), WebEncoders.Base64UrlDecode(parts[1])) : ([], []);
        }
        catch (FormatException)
        {
            return SlackOAuthStateCheck.Forged;
        }

        if (payload.Length != 24 || !CryptographicOperations.FixedTimeEquals(mac, Mac(payload)))
        {
            return SlackOAuthStateCheck.Forged;
        }

        if (DateTimeOffset.FromUnixTimeSeconds(BinaryPrimitives.ReadInt64BigEndian(payload.AsSpan(16))) < time.GetUtcNow())
        {
            return SlackOAuthStateCheck.Expired;
        }

        return cookie is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(cookie), Encoding.ASCII.GetBytes(state))
            ? SlackOAuthStateCheck.Valid
            : SlackOAuthStateCheck.NotThisBrowser;
    }

    /// <summary>Exchanges the code and returns the record to persist; the plaintext token never leaves this method.</summary>
    public async Task<SlackInstallation> CompleteAsync(string code, CancellationToken ct)
    {
        var access = await client.ExchangeOAuthCodeAsync(code, options.Value.OAuthRedirectUrl, ct);
        return new SlackInstallation(
            access.TeamId, access.TeamName, access.EnterpriseId, access.BotUserId, protector.Protect(access.BotToken, access.TeamId), access.Scopes);
    }

    private byte[] Mac(byte[] payload) => HMACSHA256.HashData(protector.DeriveKey("hirebot/slack/oauth-state"), payload);
}
