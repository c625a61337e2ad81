using System.Globalization;
using Azure.Identity;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Identity.Client;
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

    /// <summary>The failures a Graph call can end in; anything else is a defect and propagates.</summary>
    public static bool IsCallFailure(Exception error) =>
        error is ApiException or HttpRequestException or AuthenticationFailedException || IsRetriesExhausted(error);

    /// <summary>
    /// Kiota's retry handler ends with an AggregateException of the failed attempts when it runs
    /// out of retries (https://github.com/microsoft/kiota-dotnet, RetryHandler).
    /// </summary>
    private static bool IsRetriesExhausted(Exception error) =>
        error is AggregateException { InnerExceptions.Count: > 0 } aggregate
        && aggregate.InnerExceptions.All(e => e is ApiException);

    public static CalendarException ToCalendarException(Exception error, string operation)
    {
        if (IsRetriesExhausted(error))
        {
            var last = ((AggregateException)error).InnerExceptions[^1];
            var exhausted = ToCalendarException(last, operation);
            return new CalendarException(
                exhausted.Failure,
                $"{exhausted.Message} Retries exhausted.",
                exhausted.StatusCode,
                exhausted.ErrorCode,
                exhausted.RetryAfter,
                error);
        }

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

        if (error is AuthenticationFailedException { InnerException: MsalServiceException { StatusCode: >= 400 and < 500 } msal })
        {
            // Entra refused our app credentials (wrong secret, unknown client): retrying won't help.
            return new CalendarException(
                CalendarFailure.Rejected,
                $"Entra refused the Graph app credentials ({msal.ErrorCode}); check AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET.",
                msal.StatusCode,
                msal.ErrorCode,
                inner: error);
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
