namespace HireBot.Calendar;

/// <summary>
/// A mailbox owner's working hours as Outlook reports them: the same local start and end on each
/// listed day, in <see cref="TimeZone"/> (a Windows or IANA zone name, as the server sent it).
/// </summary>
public sealed record WorkingHours(
    IReadOnlyList<DayOfWeek> Days,
    TimeOnly Start,
    TimeOnly End,
    string? TimeZone);
