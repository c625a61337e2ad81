using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace HireBot.Ats.Ashby;

/// <summary>
/// Ashby's RPC transport. Every method is <c>POST {base}/{method}</c> with a JSON body, authenticated
/// with HTTP Basic: the API key as user name and an empty password (Ashby's OpenAPI document,
/// securitySchemes.BasicAuth). Answers are an envelope
/// <c>{ success, results, errorInfo }</c>; what would be a 4xx comes back as HTTP 200 with
/// <c>success: false</c> (https://developers.ashbyhq.com/docs/responses). Throttling is HTTP 429 with
/// <c>Retry-After</c>; the limit is per API key, and partner-wide throttling adds
/// <c>X-RateLimit-Scope: integration-partner</c>
/// (https://developers.ashbyhq.com/changelog/2026-10-14-identify-integration-partner-rate-limit-responses).
/// </summary>
public sealed class AshbyClient(HttpClient http, TimeProvider clock, ILogger<AshbyClient> logger)
{
    /// <summary>Tries per call, counting the first.</summary>
    internal const int MaxAttempts = 4;

    /// <summary>Page size asked of list methods; Ashby caps it on its side anyway.</summary>
    internal const int PageSize = 100;

    /// <summary>A longer wait than this is handed back to the outbox as <see cref="AtsException.RetryAfter"/> rather than held here.</summary>
    internal static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Calls one method and returns its envelope. 429 is always tried again (Ashby did nothing);
    /// 5xx and timeouts only when <paramref name="repeatable"/>, because Ashby has no idempotency key
    /// and a write may have landed before the answer was lost.
    /// </summary>
    public async Task<JsonObject> CallAsync(AtsConnection connection, string method, JsonObject body, bool repeatable, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var backoff = TimeSpan.FromMilliseconds(200 * (1 << (attempt - 1)));
            HttpResponseMessage response;
            try
            {
                using var request = Request(connection, method, body);
                response = await http.SendAsync(request, ct);
            }
            catch (Exception error) when (error is HttpRequestException || (error is TaskCanceledException && !ct.IsCancellationRequested))
            {
                if (!repeatable || attempt == MaxAttempts)
                {
                    throw new AtsException($"Ashby {method} did not answer", backoff, error);
                }

                AshbyLog.Retrying(logger, method, 0, attempt, (long)backoff.TotalMilliseconds);
                await Task.Delay(backoff, clock, ct);
                continue;
            }

            using (response)
            {
                var status = (int)response.StatusCode;
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    var wait = RetryAfter(response) ?? backoff;
                    if (attempt == MaxAttempts || wait > LongestWait)
                    {
                        throw new AtsException($"Ashby {method} rate limited", wait);
                    }

                    AshbyLog.Retrying(logger, method, status, attempt, (long)wait.TotalMilliseconds);
                    await Task.Delay(wait, clock, ct);
                    continue;
                }

                if (status >= 500)
                {
                    if (!repeatable || attempt == MaxAttempts)
                    {
                        throw new AtsException($"Ashby {method} answered HTTP {status}", RetryAfter(response) ?? backoff);
                    }

                    AshbyLog.Retrying(logger, method, status, attempt, (long)backoff.TotalMilliseconds);
                    await Task.Delay(backoff, clock, ct);
                    continue;
                }

                if (!response.IsSuccessStatusCode)
                {
                    AshbyLog.Refused(logger, method, $"http_{status}");
                    throw new AshbyRefusal(method, $"http_{status}");
                }

                return await EnvelopeAsync(method, response, ct);
            }
        }
    }

    /// <summary>
    /// Every result of a list method, page after page: the body is sent again with <c>cursor</c> set to
    /// the last <c>nextCursor</c> while <c>moreDataAvailable</c> is true
    /// (https://developers.ashbyhq.com/docs/pagination-and-incremental-sync).
    /// </summary>
    public async IAsyncEnumerable<JsonObject> PageAsync(
        AtsConnection connection, string method, JsonObject filter, [EnumeratorCancellation] CancellationToken ct)
    {
        string? cursor = null;
        do
        {
            var body = (JsonObject)filter.DeepClone();
            body["limit"] = PageSize;
            if (cursor is not null)
            {
                body["cursor"] = cursor;
            }

            var page = await CallAsync(connection, method, body, repeatable: true, ct);
            foreach (var item in page["results"] as JsonArray ?? [])
            {
                if (item is JsonObject result)
                {
                    yield return result;
                }
            }

            cursor = page["moreDataAvailable"]?.GetValue<bool>() == true ? (string?)page["nextCursor"] : null;
        }
        while (cursor is not null);
    }

    private static HttpRequestMessage Request(AtsConnection connection, string method, JsonObject body)
    {
        var baseUrl = connection.BaseUrl.AbsoluteUri.EndsWith('/') ? connection.BaseUrl : new Uri(connection.BaseUrl.AbsoluteUri + "/");
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUrl, method))
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(connection.ApiKey + ":")));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return request;
    }

    private async Task<JsonObject> EnvelopeAsync(string method, HttpResponseMessage response, CancellationToken ct)
    {
        JsonObject? envelope;
        try
        {
            envelope = JsonNode.Parse(await response.Content.ReadAsStringAsync(ct)) as JsonObject;
        }
        catch (JsonException error)
        {
            throw new AtsException($"Ashby {method} answered something other than JSON", TimeSpan.FromSeconds(30), error);
        }

        if (envelope is null)
        {
            throw new AtsException($"Ashby {method} answered an empty body", TimeSpan.FromSeconds(30));
        }

        if (envelope["success"]?.GetValue<bool>() == true)
        {
            return envelope;
        }

        // errorInfo.code is the documented shape; older answers list codes under "errors".
        var code = (string?)envelope["errorInfo"]?["code"]
            ?? (envelope["errors"] as JsonArray)?.FirstOrDefault()?.ToString()
            ?? "unknown_error";
        AshbyLog.Refused(logger, method, code);
        throw new AshbyRefusal(method, code);
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - clock.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }
}
