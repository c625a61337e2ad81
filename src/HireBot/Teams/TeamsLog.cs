using Microsoft.Extensions.Logging;

namespace HireBot.Teams;

/// <summary>Log messages of the Teams adapter: ids and outcomes only, never activity text or card data. Event ids 3000–3099.</summary>
internal static partial class TeamsLog
{
    [LoggerMessage(3000, LogLevel.Warning, "Teams request refused: {Failure}, answered {StatusCode}")]
    public static partial void InboundRejected(ILogger logger, BotAuthFailure failure, int statusCode);

    [LoggerMessage(3001, LogLevel.Warning,
        "Teams LOCAL MODE: no app id is set and Teams__DangerouslyAllowUnauthenticatedLoopback is on; unauthenticated requests from loopback addresses are accepted at {Pattern}")]
    public static partial void LocalModeEnabled(ILogger logger, string pattern);

    [LoggerMessage(3002, LogLevel.Information, "Teams endpoint closed: Teams__MicrosoftAppId is not set; every request at {Pattern} gets 401")]
    public static partial void NotConfigured(ILogger logger, string pattern);

    [LoggerMessage(3003, LogLevel.Debug, "Teams activity {ActivityId} of type {Type} handled as {Kind}")]
    public static partial void ActivityHandled(ILogger logger, string? activityId, string? type, string kind);

    [LoggerMessage(3010, LogLevel.Warning, "Refused to call untrusted serviceUrl host {Host}")]
    public static partial void UntrustedServiceUrl(ILogger logger, string host);

    [LoggerMessage(3011, LogLevel.Information, "Connector {Operation} answered {StatusCode} ({Outcome}, code {ErrorCode})")]
    public static partial void ConnectorFailed(ILogger logger, string operation, int statusCode, ConnectorOutcome outcome, string? errorCode);

    [LoggerMessage(3012, LogLevel.Warning, "Connector {Operation} could not be reached")]
    public static partial void ConnectorUnreachable(ILogger logger, string operation, Exception exception);

    [LoggerMessage(3013, LogLevel.Error, "Connector token could not be acquired from the authority")]
    public static partial void TokenFailed(ILogger logger, Exception exception);
}
