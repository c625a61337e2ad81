using System.Globalization;
using HireBot.Core.Scheduling;

namespace HireBot.Scheduling;

/// <summary>What the people table says about someone: name, time zone and working hours.</summary>
public sealed record PersonRow(
    string Email,
    string DisplayName,
    string TimeZoneId,
    IReadOnlyList<DayOfWeek> WorkDays,
    TimeOnly WorkStart,
    TimeOnly WorkEnd,
    IReadOnlyList<DateOnly> DaysOff)
{
    /// <summary>Someone with no row yet: UTC, Monday to Friday, 9 to 5.</summary>
    public static PersonRow Default(string email) => new(email, email.Split('@')[0], "UTC",
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday],
        new TimeOnly(9, 0), new TimeOnly(17, 0), []);

    public TimeZoneInfo Zone => TimeZoneInfo.TryFindSystemTimeZoneById(TimeZoneId, out var zone) ? zone : TimeZoneInfo.Utc;

    public Core.People.WorkingHours Hours => Core.People.WorkingHours.Weekly(WorkDays, WorkStart, WorkEnd);

    /// <summary>Days off as busy time: the scheduler's working hours are weekly, days off are dates.</summary>
    public IEnumerable<UtcInterval> DaysOffBusy() => DaysOff.Select(d => new UtcInterval(
        Local(d.ToDateTime(TimeOnly.MinValue)), Local(d.AddDays(1).ToDateTime(TimeOnly.MinValue))));

    /// <summary>An instant shown in this person's zone, e.g. "Tue 14 Oct 10:00–11:00 (Europe/London)".</summary>
    public string Format(DateTimeOffset start, DateTimeOffset end)
    {
        var s = TimeZoneInfo.ConvertTime(start, Zone);
        var e = TimeZoneInfo.ConvertTime(end, Zone);
        return string.Create(CultureInfo.InvariantCulture, $"{s:ddd d MMM HH:mm}–{e:HH:mm} ({TimeZoneId})");
    }

    private DateTimeOffset Local(DateTime wallClock)
    {
        // Midnight can fall in a daylight-saving gap (some zones switch at 00:00): take the hour after.
        if (Zone.IsInvalidTime(wallClock)) wallClock = wallClock.AddHours(1);
        var utc = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(wallClock, DateTimeKind.Unspecified), Zone);
        return new DateTimeOffset(utc, TimeSpan.Zero);
    }
}
