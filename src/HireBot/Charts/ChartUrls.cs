using System.Security.Cryptography;
using System.Text;
using HireBot.Slack;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace HireBot.Charts;

/// <summary>
/// Signed chart URLs: <c>{base}/charts/{id}.png?exp={unix seconds}&amp;sig={HMAC-SHA256(key, "{id}.{exp}"), base64url}</c>.
/// The id is 128 random bits, so a URL cannot be guessed, and the signature makes a URL stop working
/// at its expiry even for someone who saw it. The key is <c>Charts__SigningKey</c>, else derived
/// (HKDF-SHA256, info "hirebot chart urls v1") from SLACK_TOKEN_ENCRYPTION_KEY, SLACK_SIGNING_SECRET
/// or MicrosoftAppPassword, which every node of a deployment shares; with none of them (local mode,
/// one process) a random key for the process's life. URLs start with <c>PublicUrl</c>, else
/// the address the bot listens on (right for local mode and the Playground, not for a real deployment).
/// </summary>
public sealed class ChartUrls
{
    public const string PathPrefix = "/charts/";
    private readonly byte[] _key;
    private readonly string _configured;
    private readonly IServer _server;

    public ChartUrls(IOptions<ChartOptions> options, IOptions<SlackOptions> slack, IConfiguration configuration, IServer server)
    {
        _key = Key(options.Value, slack.Value, configuration);
        _configured = options.Value.PublicUrl;
        _server = server;
        var platform = configuration["MicrosoftAppId"] is { Length: > 0 } || slack.Value.SigningSecret.Length > 0 || slack.Value.ClientId.Length > 0;
        Linkable = _configured.Length > 0 || !platform;
    }

    /// <summary>
    /// False when Teams or Slack is connected but <c>PublicUrl</c> is not set: the listening
    /// address is then no address a chat client can fetch from (Slack refuses a message whose image it
    /// cannot download), so digests go without the picture.
    /// </summary>
    public bool Linkable { get; }

    /// <summary><c>PublicUrl</c>, else the first address the server listens on (known once it started).</summary>
    private Uri Base => new((_configured.Length > 0 ? _configured
        : _server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://127.0.0.1:3978").TrimEnd('/') + "/");

    /// <summary>A new unguessable chart id (22 characters of base64url).</summary>
    public static string NewId() => Base64Url(RandomNumberGenerator.GetBytes(16));

    public string UrlFor(string id, DateTimeOffset expires)
    {
        var exp = expires.ToUnixTimeSeconds();
        return new Uri(Base, $"charts/{id}.png?exp={exp}&sig={Sign(id, exp)}").AbsoluteUri;
    }

    /// <summary>True when <paramref name="sig"/> is this key's signature of the id and expiry and the expiry is after <paramref name="now"/>.</summary>
    public bool IsValid(string id, string? exp, string? sig, DateTimeOffset now)
    {
        if (!long.TryParse(exp, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds) || sig is null) return false;
        var expected = Encoding.ASCII.GetBytes(Sign(id, seconds));
        var given = Encoding.ASCII.GetBytes(sig);
        return CryptographicOperations.FixedTimeEquals(expected, given) && seconds > now.ToUnixTimeSeconds();
    }

    private string Sign(string id, long exp) => Base64Url(HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes($"{id}.{exp}")));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] Key(ChartOptions o, SlackOptions slack, IConfiguration configuration)
    {
        byte[]? secret = o.SigningKey.Length > 0 ? Convert.FromBase64String(o.SigningKey)
            : SlackTokenProtector.IsValidKey(slack.TokenEncryptionKey) ? Convert.FromBase64String(slack.TokenEncryptionKey)
            : slack.SigningSecret.Length > 0 ? Encoding.UTF8.GetBytes(slack.SigningSecret)
            : configuration["MicrosoftAppPassword"] is { Length: > 0 } password ? Encoding.UTF8.GetBytes(password)
            : null;
        return secret is null ? RandomNumberGenerator.GetBytes(32) : HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, 32, info: "hirebot chart urls v1"u8.ToArray());
    }
}
