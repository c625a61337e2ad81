using System.Security.Cryptography;
using System.Text;

namespace HireBot.Tests.Fakes.Slack;

/// <summary>
/// Signs requests the way Slack does (v0=hex(HMAC-SHA256(secret, "v0:{ts}:{body}"))), written
/// independently of the production verifier so the tests check it against the documented recipe.
/// </summary>
public static class SlackSigner
{
    public const string Secret = "8f742231b10e8888abcd99yyyzzz85a5";

    public static string Sign(string secret, long timestamp, string body)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"v0:{timestamp}:{body}"));
        return "v0=" + Convert.ToHexString(mac).ToLowerInvariant();
    }

    public static HttpRequestMessage Request(
        string path, string body, string contentType, DateTimeOffset signedAt, string secret = Secret, string? signature = null)
    {
        var ts = signedAt.ToUnixTimeSeconds();
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        request.Headers.Add("X-Slack-Request-Timestamp", ts.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("X-Slack-Signature", signature ?? Sign(secret, ts, body));
        return request;
    }

    public static HttpRequestMessage Form(string path, string body, DateTimeOffset signedAt) =>
        Request(path, body, "application/x-www-form-urlencoded", signedAt);

    /// <summary>A signed <c>/hire</c> slash command as Slack posts it (form fields per Slack's slash-command docs).</summary>
    public static HttpRequestMessage Command(string text, string team, string user, string channel, string responseUrl, string triggerId, DateTimeOffset signedAt) =>
        Form("/slack/commands",
            $"command=%2Fhire&text={Uri.EscapeDataString(text)}&team_id={team}&user_id={user}&channel_id={channel}" +
            $"&response_url={Uri.EscapeDataString(responseUrl)}&trigger_id={triggerId}", signedAt);

    public static HttpRequestMessage Json(string path, string body, DateTimeOffset signedAt) =>
        Request(path, body, "application/json", signedAt);
}
