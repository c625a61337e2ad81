namespace HireBot.Calendar;

/// <summary>
/// The calendar port: free/busy for scheduling and the interview events themselves. Two adapters
/// implement it, Microsoft Graph (<see cref="GraphCalendar"/>) and the local PostgreSQL calendar.
/// All instants are UTC; callers convert to people's time zones in Core.
/// </summary>
/// <remarks>
/// Expected outcomes (unknown mailbox, missing event) are return values. A calendar that cannot
/// answer (throttled past the retry budget, unavailable, rejecting our request) throws
/// <see cref="CalendarException"/> so the caller's outbox can classify and retry.
/// </remarks>
public interface ICalendar
{
    /// <summary>
    /// Busy intervals (and working hours when known) of each mailbox within the window,
    /// one entry per requested email in request order.
    /// </summary>
    Task<IReadOnlyList<MailboxSchedule>> GetFreeBusyAsync(
        IReadOnlyList<string> emails,
        DateTimeOffset windowStartUtc,
        DateTimeOffset windowEndUtc,
        CancellationToken cancellationToken);

    /// <summary>
    /// Creates the event and invites its attendees. Repeating the call with the same
    /// <see cref="InterviewEvent.TransactionId"/> returns the event created the first time.
    /// </summary>
    Task<CreatedEvent> CreateEventAsync(InterviewEvent interview, CancellationToken cancellationToken);

    /// <summary>Moves the event and/or replaces its attendees; attendees get an update.</summary>
    Task<EventChangeOutcome> UpdateEventAsync(string eventId, EventChange change, CancellationToken cancellationToken);

    /// <summary>Cancels the event; attendees receive the comment.</summary>
    Task<EventChangeOutcome> CancelEventAsync(string eventId, string comment, CancellationToken cancellationToken);

    /// <summary>
    /// Each attendee's response keyed by email (case-insensitive); null when the event does not exist.
    /// </summary>
    Task<IReadOnlyDictionary<string, AttendeeResponse>?> GetAttendeeResponsesAsync(
        string eventId,
        CancellationToken cancellationToken);
}
