using System.Net;
using System.Text.Json;

namespace HireBot.Slack;

/// <summary>Shared send-and-classify for the Web API and response_url posts, so failures are sorted in one place.</summary>
internal static class SlackHttp
{
    /// <summary>Used when a 429 carries no usable Retry-After; Slack normally sends one (seconds).</summary>
    public static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(30);

    public static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpRequestMessage request, string method, CancellationToken ct)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, ct);
        }
        catch (HttpRequestException e)
        {
            throw new SlackApiException(method, "http_transport", SlackFailureKind.Retryable, inner: e);
        }
        catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new SlackApiException(method, "http_timeout", SlackFailureKind.Retryable, inner: e);
        }

        var status = (int)response.StatusCode;
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            var retryAfter = response.Headers.RetryAfter?.Delta ?? DefaultRetryAfter;
            response.Dispose();
            throw new SlackApiException(method, "ratelimited", SlackFailureKind.RateLimited, retryAfter, status);
        }

        if (status >= 500)
        {
            response.Dispose();
            throw new SlackApiException(method, $"http_{status}", SlackFailureKind.Retryable, httpStatus: status);
        }

        return response;
    }

    /// <summary>Reads a Web API answer: any non-2xx or "ok":false becomes a classified exception.</summary>
    public static async Task<JsonElement> ReadOkAsync(HttpResponseMessage response, string method, CancellationToken ct)
    {
        var status = (int)response.StatusCode;
        if (!response.IsSuccessStatusCode)
        {
            throw new SlackApiException(method, $"http_{status}", SlackFailureKind.Final, httpStatus: status);
        }

        JsonElement root;
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(ct);
            using var doc = await JsonDocument.ParseAsync(stream, cancellationToken: ct);
            root = doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new SlackApiException(method, "invalid_response", SlackFailureKind.Retryable, httpStatus: status);
        }

        if (root.ValueKind != JsonValueKind.Object || !root.Bool("ok"))
        {
            throw SlackApiException.FromErrorCode(method, root.Str("error") ?? "unknown_error");
        }

        return root;
    }
}
