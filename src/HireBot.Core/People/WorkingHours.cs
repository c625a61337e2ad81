namespace HireBot.Core.People;

/// <summary>
/// When a person works, in their own time zone: stretches of local time per weekday (several on
/// one day express a lunch break) and declared days off. The scheduler places interviews inside
/// it, the nudges keep out of quiet hours with it, the people table and the calendars fill it.
/// Evaluated in the person's zone, so a daylight-saving change moves the UTC position of the
/// hours, never their local meaning.
/// </summary>
public sealed record WorkingHours(IReadOnlyList<WorkingStretch> Stretches, IReadOnlySet<DateOnly> DaysOff)
{
    /// <summary>Monday to Friday, 9 to 5, no days off.</summary>
    public static WorkingHours Default { get; } = Weekly(
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday],
        new TimeOnly(9, 0), new TimeOnly(17, 0));

    /// <summary>No working time at all.</summary>
    public static WorkingHours None { get; } = new([], new HashSet<DateOnly>());

    /// <summary>The same <paramref name="start"/>–<paramref name="end"/> on each of <paramref name="days"/>.</summary>
    public static WorkingHours Weekly(IEnumerable<DayOfWeek> days, TimeOnly start, TimeOnly end, IEnumerable<DateOnly>? daysOff = null) =>
        new(days.Distinct().Select(d => new WorkingStretch(d, start, end)).ToList(), (daysOff ?? []).ToHashSet());

    /// <summary>Weekdays with any working time.</summary>
    public IReadOnlyList<DayOfWeek> Days => Stretches.Select(s => s.Day).Distinct().ToList();

    public bool IsWorkingDay(DateOnly day) => !DaysOff.Contains(day) && Stretches.Any(s => s.Day == day.DayOfWeek);

    /// <summary>The stretches worked on <paramref name="day"/>, earliest first; none on a day off.</summary>
    public IEnumerable<WorkingStretch> On(DateOnly day) => DaysOff.Contains(day)
        ? []
        : Stretches.Where(s => s.Day == day.DayOfWeek).OrderBy(s => s.Start);

    /// <summary>True when <paramref name="local"/> (wall-clock time in the person's zone) is inside working hours.</summary>
    public bool Contains(DateTime local) =>
        On(DateOnly.FromDateTime(local)).Any(s => local.TimeOfDay >= s.Start.ToTimeSpan() && local.TimeOfDay < s.EndOfDay);
}

/// <summary>One stretch of working time on a weekday, in local time. An end of 00:00 means midnight at the end of the day.</summary>
public sealed record WorkingStretch(DayOfWeek Day, TimeOnly Start, TimeOnly End)
{
    /// <summary>The end as time since the day's midnight: 24 h when <see cref="End"/> is 00:00.</summary>
    public TimeSpan EndOfDay => End == TimeOnly.MinValue ? TimeSpan.FromDays(1) : End.ToTimeSpan();
}
