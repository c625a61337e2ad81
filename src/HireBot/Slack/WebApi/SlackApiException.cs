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

    /// <summary>What went wrong, in words a recruiter can act on, ending with Slack's own code.</summary>
    public string Reason => $"{Explain(ErrorCode)} ({Method}: {ErrorCode})";

    /// <summary>Slack's error codes that outlive a retry, said plainly; others name the code only.</summary>
    public static string Explain(string code) => code switch
    {
        "not_in_channel" => "HireBot is not a member of the channel: invite it there with /invite @HireBot",
        "channel_not_found" => "the channel does not exist, or it is private and HireBot was not invited (/invite @HireBot in it)",
        "is_archived" => "the channel is archived: choose another with `role channel`",
        "method_not_supported_for_channel_type" => "the channel is private: invite HireBot there with /invite @HireBot",
        "user_not_found" or "users_not_found" => "there is no Slack user with this email in the workspace",
        "cannot_dm_bot" => "the recipient is a bot",
        "account_inactive" or "user_disabled" => "the Slack account is deactivated",
        "invalid_auth" or "not_authed" or "token_revoked" or "token_expired" => "HireBot's Slack token is no longer valid: reinstall the app",
        "missing_scope" => "HireBot's Slack app lacks a permission: reinstall it from manifests/slack/manifest.yaml",
        "msg_too_long" or "invalid_blocks" or "invalid_arguments" => "Slack refused the message's content",
        "ratelimited" => "Slack is rate limiting HireBot",
        "http_timeout" or "http_transport" => "Slack is not answering",
        _ when code.StartsWith("http_5", StringComparison.Ordinal) => "Slack is not answering",
        _ => "Slack refused the message",
    };
}
