namespace HireBot.Calendar;

/// <summary>An invitee. Panelists and the candidate are required; shadows may be optional.</summary>
public sealed record EventAttendee(string Email, string? Name, bool IsOptional = false);
