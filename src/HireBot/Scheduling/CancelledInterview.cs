namespace HireBot.Scheduling;

/// <summary>An interview just marked cancelled, with the calendar event still to cancel.</summary>
public sealed record CancelledInterview(Guid InterviewId, string? CalendarEventId);
