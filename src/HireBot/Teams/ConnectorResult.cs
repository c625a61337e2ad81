namespace HireBot.Teams;

/// <summary>
/// The classified result of one connector call. The retry loop belongs to the outbox dispatcher;
/// this only says what happened.
/// </summary>
/// <param name="StatusCode">HTTP status, or 0 when nothing was answered (or nothing was sent).</param>
/// <param name="RetryAfter">From the <c>Retry-After</c> header (seconds or a date), when present.</param>
/// <param name="ErrorCode">The connector's <c>error.code</c>, e.g. <c>MessageWritesBlocked</c>, or ours (<c>UntrustedServiceUrl</c>, <c>TokenUnavailable</c>).</param>
/// <param name="CorrelationId"><c>MS-CV</c> or <c>X-Correlating-OperationId</c>, for Microsoft support.</param>
public sealed record ConnectorResult<T>(
    ConnectorOutcome Outcome,
    int StatusCode,
    T? Value,
    TimeSpan? RetryAfter,
    string? ErrorCode,
    string? CorrelationId)
{
    public bool Succeeded => Outcome == ConnectorOutcome.Success;

    internal static ConnectorResult<T> Refused(string errorCode) => new(ConnectorOutcome.Final, 0, default, null, errorCode, null);
}
