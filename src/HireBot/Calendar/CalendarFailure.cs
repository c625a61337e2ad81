namespace HireBot.Calendar;

/// <summary>Why a calendar call failed, so the outbox can decide whether to retry.</summary>
public enum CalendarFailure
{
    /// <summary>429/503/504 still answered after the client's own retries: retry later.</summary>
    Throttled,

    /// <summary>Other 5xx or a transport failure: retry with backoff.</summary>
    Unavailable,

    /// <summary>The calendar refused the request (4xx such as 400, 401, 403): final.</summary>
    Rejected,
}
