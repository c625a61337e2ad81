namespace HireBot.Core.People;

/// <summary>
/// Working days and hours in the person's own time zone, plus declared days off. Used to place
/// interviews and to keep nudges out of quiet hours.
/// </summary>
public sealed record WorkingHours(IReadOnlySet<DayOfWeek> Days, TimeOnly Start, TimeOnly End, IReadOnlySet<DateOnly> DaysOff)
{
    public static WorkingHours Default { get; } = new(
        new HashSet<DayOfWeek> { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday },
        new TimeOnly(9, 0), new TimeOnly(17, 0), new HashSet<DateOnly>());

    public bool IsWorkingDay(DateOnly day) => Days.Contains(day.DayOfWeek) && !DaysOff.Contains(day);

    /// <summary>True when <paramref name="local"/> (wall-clock time in the person's zone) is inside working hours.</summary>
    public bool Contains(DateTime local) =>
        IsWorkingDay(DateOnly.FromDateTime(local)) && TimeOnly.FromDateTime(local) >= Start && TimeOnly.FromDateTime(local) < End;
}
