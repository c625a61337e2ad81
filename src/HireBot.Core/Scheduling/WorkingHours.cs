namespace HireBot.Core.Scheduling;

/// <summary>
/// One stretch of working time on a weekday, in the person's own local time. Several entries per
/// day express a lunch break. Evaluated per slot in the person's time zone, so a daylight-saving
/// change moves the UTC position of the hours, never their local meaning.
/// </summary>
public sealed record WorkingHours(DayOfWeek Day, TimeOnly Start, TimeOnly End);
