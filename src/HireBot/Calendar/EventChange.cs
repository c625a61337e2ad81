namespace HireBot.Calendar;

/// <summary>
/// What to change on an existing event. Null members stay as they are; a non-null
/// <see cref="Attendees"/> replaces the whole attendee list.
/// </summary>
public sealed record EventChange(
    DateTimeOffset? StartUtc = null,
    DateTimeOffset? EndUtc = null,
    IReadOnlyList<EventAttendee>? Attendees = null);
