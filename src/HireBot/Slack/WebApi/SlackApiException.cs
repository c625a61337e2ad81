namespace HireBot.Slack;

/// <summary>
/// A Slack call that did not succeed: HTTP 200 with "ok":false (ErrorCode is Slack's "error"),
/// HTTP 429 (RetryAfter from the Retry-After header), 5xx or a transport failure. Classified once
/// here so the dispatcher only reads Kind (https://docs.slack.dev/apis/web-api/#responses).
/// </summary>
public sealed class SlackApiException(
    string method, string errorCode, SlackFailureKind kind, TimeSpan? retryAfter = null, int? httpStatus = null, Exception? inner = null)
    : Exception($"Slack {method} failed: {errorCode}", inner)
{
    private static readonly HashSet<string> TransientCodes =
        ["internal_error", "fatal_error", "service_unavailable", "request_timeout"];

    public string Method { get; } = method;

    public string ErrorCode { get; } = errorCode;

    public SlackFailureKind Kind { get; } = kind;

    public TimeSpan? RetryAfter { get; } = retryAfter;

    public int? HttpStatus { get; } = httpStatus;

    /// <summary>Classifies an "ok":false body; "ratelimited" can also arrive this way.</summary>
    public static SlackApiException FromErrorCode(string method, string code) => new(
        method,
        code,
        code == "ratelimited" ? SlackFailureKind.RateLimited
            : TransientCodes.Contains(code) ? SlackFailureKind.Retryable
            : SlackFailureKind.Final,
        httpStatus: 200);
}
