namespace HireBot.Calendar;

/// <summary>
/// Free/busy of one mailbox over the requested window. <see cref="Error"/> is set (and
/// <see cref="Busy"/> empty) when the calendar could not read the mailbox, e.g. an unknown address.
/// </summary>
public sealed record MailboxSchedule(
    string Email,
    IReadOnlyList<BusyInterval> Busy,
    WorkingHours? WorkingHours,
    string? Error = null)
{
    public bool IsKnown => Error is null;
}
