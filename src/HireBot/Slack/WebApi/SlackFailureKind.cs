namespace HireBot.Slack;

/// <summary>How the outbox dispatcher treats a failed Slack call.</summary>
public enum SlackFailureKind
{
    /// <summary>Retrying will not help (invalid_auth, channel_not_found, 4xx…); record the code.</summary>
    Final,

    /// <summary>Transient (5xx, internal_error, network); retry with jittered backoff.</summary>
    Retryable,

    /// <summary>HTTP 429: wait RetryAfter, then retry.</summary>
    RateLimited,
}
