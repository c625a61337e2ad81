using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace HireBot.Ats.Greenhouse;

/// <summary>
/// The Harvest API's transport rules, in one place. Auth: HTTP Basic with the API key as the user
/// name and an empty password. Collections: pages of <c>per_page</c> (1–500) followed through the
/// <c>Link</c> header's <c>rel="next"</c> (never built by hand: Greenhouse says paging may change).
/// Rate limit: <c>X-RateLimit-Limit</c> requests per 10 seconds per key; past it, <c>429</c> with
/// <c>Retry-After</c> (seconds) and <c>X-RateLimit-Reset</c>. See
/// https://developers.greenhouse.io/harvest.html#authentication, #pagination and #rate-limiting.
/// </summary>
public sealed class GreenhouseHttp(HttpClient http, TimeProvider clock)
{
    public const int PerPage = 100;

    /// <summary>How long a 429 or 5xx is waited out here before the caller (the outbox, the reconcile) is told to retry later.</summary>
    private static readonly TimeSpan InlineRetryBudget = TimeSpan.FromSeconds(5);

    // Client-side pacing per API key: when the last answer said none remain, wait for the window.
    private readonly Dictionary<string, DateTimeOffset> _pausedUntil = new();

    public static AuthenticationHeaderValue Basic(string apiKey) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(apiKey + ":")));

    /// <summary>Every item of a paginated collection, page by page.</summary>
    public async IAsyncEnumerable<JsonObject> ListAsync(AtsConnection c, string pathAndQuery,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var separator = pathAndQuery.Contains('?') ? '&' : '?';
        Uri? next = new(c.BaseUrl, pathAndQuery.TrimStart('/') + $"{separator}per_page={PerPage}");
        while (next is not null)
        {
            using var response = await SendAsync(c, () => new HttpRequestMessage(HttpMethod.Get, next), ct);
            var page = Json(await response.Content.ReadAsStringAsync(ct)) as JsonArray
                       ?? throw new AtsException("Greenhouse answered a list with something else than a JSON array.");
            foreach (var item in page.OfType<JsonObject>()) yield return item;
            next = NextLink(response);
        }
    }

    /// <summary>The answer as JSON; an answer that is not (an HTML error page from a proxy or a wrong `url`) is the ATS failing, retried and reported like one.</summary>
    private static JsonNode? Json(string text)
    {
        try { return JsonNode.Parse(text); }
        catch (System.Text.Json.JsonException) { throw new AtsException("Greenhouse answered with something that is not JSON.", TimeSpan.FromSeconds(30)); }
    }

    public async Task<JsonObject> GetAsync(AtsConnection c, string path, CancellationToken ct)
    {
        using var response = await SendAsync(c, () => new HttpRequestMessage(HttpMethod.Get, new Uri(c.BaseUrl, path.TrimStart('/'))), ct);
        return Json(await response.Content.ReadAsStringAsync(ct)) as JsonObject
               ?? throw new AtsException("Greenhouse answered with something else than a JSON object.");
    }

    /// <summary>A write; null with the reason when Greenhouse refused it for good (4xx other than 429).</summary>
    public async Task<(JsonObject? Body, string? Refusal)> PostAsync(AtsConnection c, string path, JsonObject body, string onBehalfOf, CancellationToken ct)
    {
        using var response = await SendAsync(c, () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, new Uri(c.BaseUrl, path.TrimStart('/')))
                { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
            request.Headers.Add("On-Behalf-Of", onBehalfOf);
            return request;
        }, ct, refuseOn4xx: true);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (response.IsSuccessStatusCode) return (Json(text) as JsonObject, null);
        return (null, $"Greenhouse refused it ({(int)response.StatusCode}): {ErrorMessage(text)}");
    }

    private async Task<HttpResponseMessage> SendAsync(AtsConnection c, Func<HttpRequestMessage> build, CancellationToken ct, bool refuseOn4xx = false)
    {
        var started = clock.GetUtcNow();
        while (true)
        {
            await PaceAsync(c.ApiKey, ct);
            using var request = build();
            request.Headers.Authorization = Basic(c.ApiKey);
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, ct);
            }
            catch (Exception e) when (e is HttpRequestException || e is TaskCanceledException && !ct.IsCancellationRequested)
            {
                throw new AtsException("Greenhouse could not be reached (network or timeout).", TimeSpan.FromSeconds(5), e);
            }
            Remember(c.ApiKey, response);
            if (response.IsSuccessStatusCode) return response;
            var status = (int)response.StatusCode;
            // A write's 5xx may have been stored: not repeated here, but by the outbox, which looks before it writes again.
            if (status == 429 || status >= 500 && !refuseOn4xx)
            {
                var wait = RetryAfter(response) ?? TimeSpan.FromSeconds(1);
                response.Dispose();
                if (clock.GetUtcNow() - started + wait > InlineRetryBudget)
                    throw new AtsException($"Greenhouse answered {status}", wait);
                await Task.Delay(wait, clock, ct);
                continue;
            }
            if (status >= 500)
            {
                response.Dispose();
                throw new AtsException($"Greenhouse answered {status}", TimeSpan.FromSeconds(5));
            }
            if (refuseOn4xx && status != 401) return response;
            var text = await response.Content.ReadAsStringAsync(ct);
            response.Dispose();
            throw new AtsException(status == 401
                ? "Greenhouse refused the API key (401): check it, and that it is a Harvest key."
                : $"Greenhouse answered {status}: {ErrorMessage(text)}");
        }
    }

    private async Task PaceAsync(string key, CancellationToken ct)
    {
        DateTimeOffset until;
        lock (_pausedUntil) if (!_pausedUntil.TryGetValue(key, out until)) return;
        var wait = until - clock.GetUtcNow();
        if (wait > TimeSpan.Zero) await Task.Delay(wait < InlineRetryBudget ? wait : InlineRetryBudget, clock, ct);
    }

    private void Remember(string key, HttpResponseMessage response)
    {
        var remaining = Header(response, "X-RateLimit-Remaining");
        lock (_pausedUntil)
        {
            if (response.StatusCode == HttpStatusCode.TooManyRequests || remaining == "0")
                _pausedUntil[key] = clock.GetUtcNow() + (RetryAfter(response) ?? TimeSpan.FromSeconds(10));
            else _pausedUntil.Remove(key);
        }
    }

    /// <summary>Retry-After in seconds, else X-RateLimit-Reset (a Unix time).</summary>
    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        if (response.Headers.RetryAfter?.Delta is { } delta) return delta;
        if (long.TryParse(Header(response, "X-RateLimit-Reset"), out var reset))
        {
            var wait = DateTimeOffset.FromUnixTimeSeconds(reset) - clock.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
        return null;
    }

    private static string? Header(HttpResponseMessage r, string name) =>
        r.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    /// <summary>The <c>rel="next"</c> URL of an RFC 5988 Link header; null on the last page.</summary>
    public static Uri? NextLink(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Link", out var values)) return null;
        foreach (var part in string.Join(",", values).Split(','))
        {
            var pieces = part.Split(';', StringSplitOptions.TrimEntries);
            if (pieces.Length > 1 && pieces[0].StartsWith('<') && pieces[0].EndsWith('>')
                && pieces.Skip(1).Any(p => p.Replace(" ", "") is "rel=\"next\"" or "rel=next"))
                return new Uri(pieces[0][1..^1]);
        }
        return null;
    }

    /// <summary>Greenhouse's error body: {"message": …, "errors": [{"message": …, "field": …}]}.</summary>
    private static string ErrorMessage(string body)
    {
        try
        {
            var node = JsonNode.Parse(body) as JsonObject;
            var errors = (node?["errors"] as JsonArray)?.OfType<JsonObject>().Select(e => $"{e["field"]}: {e["message"]}").ToList() ?? [];
            return string.Join("; ", new[] { node?["message"]?.ToString() }.Concat(errors).Where(s => !string.IsNullOrWhiteSpace(s)));
        }
        catch (System.Text.Json.JsonException)
        {
            return "(no error body)";
        }
    }
}
