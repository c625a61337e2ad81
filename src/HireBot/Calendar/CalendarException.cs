namespace HireBot.Calendar;

/// <summary>
/// The calendar could not answer. <see cref="StatusCode"/> and <see cref="ErrorCode"/> come from
/// the server when it answered; <see cref="RetryAfter"/> from its Retry-After header.
/// </summary>
public sealed class CalendarException(
    CalendarFailure failure,
    string message,
    int? statusCode = null,
    string? errorCode = null,
    TimeSpan? retryAfter = null,
    Exception? inner = null) : Exception(message, inner)
{
    public CalendarFailure Failure { get; } = failure;

    public int? StatusCode { get; } = statusCode;

    public string? ErrorCode { get; } = errorCode;

    public TimeSpan? RetryAfter { get; } = retryAfter;

    public bool IsTransient => Failure is not CalendarFailure.Rejected;
}
