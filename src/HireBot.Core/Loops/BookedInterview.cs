namespace HireBot.Core.Loops;

/// <summary>A booked interview with its panel; <see cref="CalendarEventId"/> is null until the invitation exists.</summary>
public sealed record BookedInterview(
    Guid Id,
    Guid LoopId,
    string RoundId,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string? CalendarEventId,
    IReadOnlyList<BookedPanelist> Panelists);
