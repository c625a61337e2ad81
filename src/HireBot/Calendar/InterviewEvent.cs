namespace HireBot.Calendar;

/// <summary>
/// An interview round to put on calendars. <see cref="TransactionId"/> is a deterministic key per
/// (loop, round, attempt) so that a replayed create returns the first event instead of a duplicate.
/// </summary>
/// <remarks>
/// Times are UTC and are sent as UTC: Outlook shows each attendee the event in their own zone,
/// so a display zone on the event would only matter to the organizer mailbox.
/// </remarks>
public sealed record InterviewEvent(
    string Subject,
    string BodyHtml,
    DateTimeOffset StartUtc,
    DateTimeOffset EndUtc,
    IReadOnlyList<EventAttendee> Attendees,
    bool IsOnlineMeeting,
    string TransactionId);
