using System.Net.Http.Json;
using System.Text.Json;

namespace HireBot.Teams;

/// <summary>
/// Sorts a connector answer into success, retryable and final. Teams documents 412, 429, 502,
/// 503 and 504 as retryable; HireBot also retries a plain 500 (a transient fault on Microsoft's
/// side is the usual cause, and the dispatcher caps attempts).
/// </summary>
/// <remarks>https://learn.microsoft.com/microsoftteams/platform/bots/how-to/rate-limit</remarks>
internal static class ConnectorResponseClassifier
{
    public static async Task<ConnectorResult<T>> ClassifyAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var correlation = Header(response, "MS-CV") ?? Header(response, "X-Correlating-OperationId");
        if (response.IsSuccessStatusCode)
        {
            var value = response.Content.Headers.ContentLength == 0 ? default
                : await ReadAsync<T>(response, cancellationToken);
            return new ConnectorResult<T>(ConnectorOutcome.Success, status, value, null, null, correlation);
        }
        var error = await ReadAsync<ErrorBody>(response, cancellationToken);
        var outcome = status is 412 or 429 or 500 or 502 or 503 or 504 ? ConnectorOutcome.Retryable : ConnectorOutcome.Final;
        return new ConnectorResult<T>(outcome, status, default, RetryAfter(response), error?.Error?.Code, correlation);
    }

    internal static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
            return delta;
        if (header?.Date is { } date)
        {
            var sent = response.Headers.Date ?? DateTimeOffset.UtcNow;
            var wait = date - sent;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
        return null;
    }

    private static async Task<TBody?> ReadAsync<TBody>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<TBody>(TeamsJson.Options, cancellationToken);
        }
        catch (JsonException)
        {
            return default;
        }
        catch (NotSupportedException)
        {
            return default; // not JSON (e.g. an HTML error page from a proxy)
        }
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private sealed record ErrorBody(ErrorDetail? Error);

    private sealed record ErrorDetail(string? Code, string? Message);
}
