using System.Globalization;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;

namespace HireBot.Calendar;

/// <summary>
/// Sorts Graph failures once into throttled, unavailable and rejected
/// (https://learn.microsoft.com/graph/throttling). The SDK's retry handler has already retried
/// 429/503/504 honouring Retry-After by the time an error reaches us.
/// </summary>
internal static class GraphErrors
{
    public static bool IsNotFound(ApiException error) => error.ResponseStatusCode == 404;

    public static CalendarException ToCalendarException(Exception error, string operation)
    {
        if (error is ApiException api)
        {
            var status = api.ResponseStatusCode;
            var code = (api as ODataError)?.Error?.Code;
            var failure = status switch
            {
                429 or 503 or 504 => CalendarFailure.Throttled,
                >= 500 => CalendarFailure.Unavailable,
                _ => CalendarFailure.Rejected,
            };
            return new CalendarException(
                failure,
                $"Graph {operation} failed with HTTP {status}{(code is null ? "" : $" ({code})")}.",
                status,
                code,
                RetryAfter(api),
                error);
        }

        return new CalendarException(
            CalendarFailure.Unavailable, $"Graph {operation} failed: {error.GetType().Name}.", inner: error);
    }

    private static TimeSpan? RetryAfter(ApiException error)
    {
        if (error.ResponseHeaders.TryGetValue("Retry-After", out var values)
            && values.FirstOrDefault() is { } value
            && int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return null;
    }
}
