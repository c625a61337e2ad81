using Microsoft.Extensions.Logging;

namespace HireBot.Slack;

/// <summary>Slack adapter log messages, event ids 4100–4199. Ids and reasons only; never bodies, names or emails.</summary>
internal static partial class SlackLog
{
    [LoggerMessage(4101, LogLevel.Warning, "Slack request to {Route} rejected: signature {Reason}")]
    public static partial void SignatureRejected(this ILogger logger, string route, SlackSignatureCheck reason);

    [LoggerMessage(4102, LogLevel.Warning, "Slack request to {Route} not understood: {Reason}")]
    public static partial void ParseFailed(this ILogger logger, string route, string reason);

    [LoggerMessage(4103, LogLevel.Warning, "Slack request to {Route} exceeded {MaxBytes} bytes")]
    public static partial void BodyTooLarge(this ILogger logger, string route, int maxBytes);

    [LoggerMessage(4104, LogLevel.Information, "Slack event {EventId} of type {EventType} for team {TeamId}, retry {RetryNum}")]
    public static partial void EventReceived(this ILogger logger, string eventId, string eventType, string teamId, int? retryNum);

    [LoggerMessage(4105, LogLevel.Warning, "Slack install callback rejected: state {Reason}")]
    public static partial void InstallRejected(this ILogger logger, SlackOAuthStateCheck reason);

    [LoggerMessage(4106, LogLevel.Information, "Slack app installed for team {TeamId}")]
    public static partial void InstallCompleted(this ILogger logger, string teamId);

    [LoggerMessage(4107, LogLevel.Error, "Slack install code exchange failed: {ErrorCode}")]
    public static partial void InstallExchangeFailed(this ILogger logger, string errorCode);

    [LoggerMessage(4108, LogLevel.Information, "Slack ssl_check probe answered on {Route}")]
    public static partial void SslCheck(this ILogger logger, string route);

    [LoggerMessage(4109, LogLevel.Information, "SLACK_BOT_TOKEN belongs to team {TeamId}")]
    public static partial void HomeTeamKnown(this ILogger logger, string teamId);

    [LoggerMessage(4110, LogLevel.Warning, "Slack did not say which team SLACK_BOT_TOKEN belongs to ({ErrorCode}); commands are refused until it does, asking again shortly")]
    public static partial void HomeTeamUnknown(this ILogger logger, string errorCode);
}
