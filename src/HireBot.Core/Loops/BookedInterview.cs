namespace HireBot.Core.Loops;

/// <summary>
/// A booked interview with its panel; <see cref="CalendarEventId"/> is null until the invitation
/// exists, and <see cref="AttendeesStale"/> is true when the last change of its event's attendees
/// (after a replacement) was refused by the calendar, so the event does not list the panel.
/// </summary>
public sealed record BookedInterview(
    Guid Id,
    Guid LoopId,
    string RoundId,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string? CalendarEventId,
    IReadOnlyList<BookedPanelist> Panelists,
    bool AttendeesStale = false);
