namespace HireBot.Slack;

/// <summary>
/// An event_callback envelope (https://docs.slack.dev/apis/events-api/#callback-field).
/// Slack redelivers unacknowledged events (X-Slack-Retry-Num 1–3) with the same EventId: the lead
/// records EventId under a unique key (INSERT … ON CONFLICT DO NOTHING) and skips a duplicate.
/// RetryNum/RetryReason are exposed for logs and metrics, not for deduplication.
/// </summary>
public sealed record SlackEventCallback(
    string EventId,
    string TeamId,
    string? EnterpriseId,
    string? ApiAppId,
    long EventTime,
    int? RetryNum,
    string? RetryReason,
    SlackEvent Event) : SlackEventRequest;
