using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Google.Apis.Auth.OAuth2.Responses;
using Microsoft.Extensions.Options;

namespace HireBot.Calendar.Google;

/// <summary>A Calendar API answer the caller asked to see: its status and JSON body.</summary>
public sealed record GoogleResponse(int Status, JsonNode? Json)
{
    public bool IsSuccess => Status is >= 200 and < 300;
}

/// <summary>
/// The typed HttpClient over the Calendar REST API. Each call carries a token for the user it acts
/// as. Throttling (403 <c>rateLimitExceeded</c>/<c>userRateLimitExceeded</c>, 429) and 5xx are retried
/// with exponential backoff and full jitter inside a time budget, as
/// https://developers.google.com/workspace/calendar/api/guides/errors and
/// https://developers.google.com/workspace/calendar/api/guides/quota advise; past the budget the
/// call fails as <see cref="CalendarFailure.Throttled"/> (retryable). Error bodies are
/// <c>{"error":{"errors":[{"domain","reason","message"}],"code","message"}}</c>.
/// </summary>
public sealed class GoogleApi(HttpClient http, GoogleTokens tokens, IOptions<GoogleOptions> options, TimeProvider clock, ILogger<GoogleApi> logger)
{
    private readonly GoogleOptions _options = options.Value;

    /// <summary>
    /// Sends one request as <paramref name="subject"/>. 2xx and the statuses in
    /// <paramref name="expected"/> come back; anything else ends in a <see cref="CalendarException"/>.
    /// </summary>
    public async Task<GoogleResponse> SendAsync(string operation, string subject, HttpMethod method, string pathAndQuery,
        JsonNode? body, CancellationToken ct, params int[] expected)
    {
        var started = clock.GetTimestamp();
        var budget = TimeSpan.FromSeconds(_options.RetryBudgetSeconds);
        for (var attempt = 1; ; attempt++)
        {
            int status;
            JsonNode? json;
            TimeSpan? retryAfter;
            try
            {
                using var request = new HttpRequestMessage(method, new Uri(_options.BaseUrl, pathAndQuery));
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.ForAsync(subject, ct));
                if (body is not null) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
                using var response = await http.SendAsync(request, ct);
                status = (int)response.StatusCode;
                var text = await response.Content.ReadAsStringAsync(ct);
                json = Parse(text);
                retryAfter = response.Headers.RetryAfter?.Delta;
            }
            catch (TokenResponseException error) when (error.StatusCode is { } code && ((int)code >= 500 || code == HttpStatusCode.TooManyRequests))
            {
                // The token endpoint itself is down or throttling: like any other transient answer.
                if (!await BackOffAsync(attempt, null, started, budget, ct))
                    throw Fail(operation, CalendarFailure.Unavailable, $"Google's token endpoint failed for {operation} (HTTP {(int)code}).", (int)code, null, error);
                continue;
            }
            catch (TokenResponseException error)
            {
                // The token endpoint refused the grant: the key, the client id's delegation or the
                // impersonated user is wrong, and retrying will not fix it.
                var code = error.Error?.Error;
                GoogleCalendarLog.CallFailed(logger, operation, CalendarFailure.Rejected, (int?)error.StatusCode, code);
                throw new CalendarException(CalendarFailure.Rejected,
                    $"Google refused the service account's token for {operation} ({code}); check Google__ServiceAccountEmail, its key and its domain-wide delegation scopes.",
                    (int?)error.StatusCode, code, inner: error);
            }
            catch (Exception error) when (error is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                if (!await BackOffAsync(attempt, null, started, budget, ct))
                    throw Fail(operation, CalendarFailure.Unavailable, $"Google {operation} failed: {error.GetType().Name}.", null, null, error);
                continue;
            }

            if (status is >= 200 and < 300 || expected.Contains(status)) return new GoogleResponse(status, json);
            var reason = Reason(json);
            var retryable = IsThrottled(status, reason) || status >= 500;
            if (retryable && await BackOffAsync(attempt, retryAfter, started, budget, ct))
            {
                GoogleCalendarLog.Retrying(logger, operation, status, reason, attempt);
                continue;
            }

            var failure = IsThrottled(status, reason) ? CalendarFailure.Throttled : status >= 500 ? CalendarFailure.Unavailable : CalendarFailure.Rejected;
            throw Fail(operation, failure, $"Google {operation} failed with HTTP {status}{(reason is null ? "" : $" ({reason})")}.", status, reason, null);
        }
    }

    /// <summary>The body as JSON; null when empty or not JSON (a proxy's HTML error page, say).</summary>
    private static JsonNode? Parse(string text)
    {
        if (text.Length == 0) return null;
        try
        {
            return JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>The first <c>error.errors[].reason</c> of a Google error body.</summary>
    public static string? Reason(JsonNode? json) =>
        json?["error"]?["errors"]?.AsArray().FirstOrDefault()?["reason"]?.GetValue<string>();

    /// <summary>Google's documented throttling answers: 429, and 403 with a rate-limit reason.</summary>
    public static bool IsThrottled(int status, string? reason) =>
        status == (int)HttpStatusCode.TooManyRequests || (status == 403 && reason is "rateLimitExceeded" or "userRateLimitExceeded");

    /// <summary>Waits before the next attempt; false when attempts or the time budget are used up.</summary>
    private async Task<bool> BackOffAsync(int attempt, TimeSpan? retryAfter, long started, TimeSpan budget, CancellationToken ct)
    {
        if (attempt >= _options.MaxAttempts) return false;
        var ceiling = _options.BackoffMilliseconds * Math.Pow(2, attempt - 1);
        var delay = retryAfter ?? TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling);
        if (clock.GetElapsedTime(started) + delay > budget) return false;
        await Task.Delay(delay, clock, ct);
        return true;
    }

    private CalendarException Fail(string operation, CalendarFailure failure, string message, int? status, string? reason, Exception? inner)
    {
        GoogleCalendarLog.CallFailed(logger, operation, failure, status, reason);
        return new CalendarException(failure, message, status, reason, inner: inner);
    }

    /// <summary>An RFC 3339 UTC instant, as the Calendar API reads and writes them.</summary>
    public static string Time(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseTime(string value) =>
        DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUniversalTime();
}
