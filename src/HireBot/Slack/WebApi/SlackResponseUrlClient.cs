using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace HireBot.Slack;

/// <summary>
/// Posts replies to a response_url: up to 5 posts within 30 minutes of the payload. The URL is not
/// on the API base; it arrives in a signed request, so only a leaked signing secret could point it
/// elsewhere. As defence in depth (and against a mangled stored URL) we post only to https URLs on
/// <see cref="SlackOptions.ResponseUrlHosts"/>; loopback hosts on that list may use http, for tests.
/// No bearer token is ever attached: the URL itself is the credential.
/// </summary>
public sealed class SlackResponseUrlClient(HttpClient http, IOptions<SlackOptions> options)
{
    private const string Method = "response_url";

    public bool IsAllowed(string responseUrl)
    {
        if (!Uri.TryCreate(responseUrl, UriKind.Absolute, out var uri) || uri.UserInfo.Length > 0)
        {
            return false;
        }

        var listed = options.Value.ResponseUrlHosts.Contains(uri.Host, StringComparer.OrdinalIgnoreCase);
        return listed && (uri.Scheme == Uri.UriSchemeHttps
            || (uri.Scheme == Uri.UriSchemeHttp && IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip)));
    }

    public async Task<SlackResponseUrlOutcome> PostAsync(string responseUrl, SlackResponseMessage message, CancellationToken ct)
    {
        if (!IsAllowed(responseUrl))
        {
            return SlackResponseUrlOutcome.UrlNotAllowed;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(responseUrl))
        {
            Content = new StringContent(BodyOf(message).ToJsonString(), Encoding.UTF8, "application/json"),
        };
        using var response = await SlackHttp.SendAsync(http, request, Method, ct);
        if (!response.IsSuccessStatusCode)
        {
            // Slack answers 404 with a short code such as "expired_url" or "used_url"; never retried.
            var code = (await response.Content.ReadAsStringAsync(ct)).Trim();
            var safe = code.Length is > 0 and <= 64 && code.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') ? code : $"http_{(int)response.StatusCode}";
            throw new SlackApiException(Method, safe, SlackFailureKind.Final, httpStatus: (int)response.StatusCode);
        }

        return SlackResponseUrlOutcome.Posted;
    }

    private static JsonObject BodyOf(SlackResponseMessage m)
    {
        var body = new JsonObject
        {
            ["text"] = m.Text,
            ["response_type"] = m.InChannel ? "in_channel" : "ephemeral",
        };
        if (m.Blocks is not null)
        {
            body["blocks"] = m.Blocks.DeepClone();
        }

        if (m.ReplaceOriginal)
        {
            body["replace_original"] = true;
        }

        if (m.DeleteOriginal)
        {
            body["delete_original"] = true;
        }

        if (m.ThreadTs is not null)
        {
            body["thread_ts"] = m.ThreadTs;
        }

        return body;
    }
}
