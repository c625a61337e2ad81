namespace HireBot.Calendar;

/// <summary>A span during which a mailbox is not available for an interview, in UTC.</summary>
public sealed record BusyInterval(DateTimeOffset StartUtc, DateTimeOffset EndUtc);
