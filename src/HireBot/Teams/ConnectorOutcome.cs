namespace HireBot.Teams;

/// <summary>How the outbox dispatcher should treat a connector call's result.</summary>
public enum ConnectorOutcome
{
    Success,
    /// <summary>412, 429, 500, 502, 503, 504 or no answer: try again after <see cref="ConnectorResult{T}.RetryAfter"/> or a jittered backoff.</summary>
    Retryable,
    /// <summary>Any other failure (403 <c>MessageWritesBlocked</c>, 404, 413 <c>MessageSizeTooBig</c>, untrusted serviceUrl): record and stop.</summary>
    Final,
}
