namespace HireBot.Calendar;

/// <summary>An attendee's answer to an invitation; <see cref="None"/> until they respond.</summary>
public enum AttendeeResponse
{
    None,
    Accepted,
    Tentative,
    Declined,
}
