using HireBot.Core.People;

namespace HireBot.Calendar;

/// <summary>
/// Free/busy of one mailbox over the requested window. <see cref="Error"/> is set (and
/// <see cref="Busy"/> empty) when the calendar could not read the mailbox, e.g. an unknown address.
/// <see cref="TimeZone"/> is the owner's zone (IANA) when the calendar knows it (Google's settings/timezone).
/// <see cref="WorkingHours"/> are the hours Outlook reports, in <see cref="WorkingHoursZone"/> (a Windows or
/// IANA zone name, as the server sent it).
/// </summary>
public sealed record MailboxSchedule(
    string Email,
    IReadOnlyList<BusyInterval> Busy,
    WorkingHours? WorkingHours,
    string? Error = null,
    string? TimeZone = null,
    string? WorkingHoursZone = null)
{
    public bool IsKnown => Error is null;
}
