namespace HireBot.Calendar;

/// <summary>The calendar's id of a created event and, for an online meeting, its join URL.</summary>
public sealed record CreatedEvent(string EventId, string? JoinUrl);
