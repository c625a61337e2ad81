using HireBot.Core.People;

namespace HireBot.Core.Nudges;

/// <summary>
/// Arithmetic on a person's working time in their own zone. Wall-clock times are turned into
/// instants with the zone's rules for that date, so daylight-saving changes move the UTC time
/// and never the local one. A local time that does not exist (the spring-forward gap) is read
/// as the same moment after the jump; an ambiguous one (fall back) as its first occurrence.
/// </summary>
public static class WorkingTime
{
    /// <summary>The instant <paramref name="local"/> names in <paramref name="zone"/>.</summary>
    public static DateTimeOffset ToInstant(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            // Inside the gap: the offset before the jump maps it to the instant just after it.
            var before = zone.GetUtcOffset(local.AddHours(-3));
            return new DateTimeOffset(local - before, TimeSpan.Zero);
        }
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local - offset, TimeSpan.Zero);
    }

    /// <summary>The working intervals of <paramref name="day"/> as instants, earliest first; none on a day without work.</summary>
    public static IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> WorkingIntervals(DateOnly day, TimeZoneInfo zone, WorkingHours hours) =>
        hours.On(day).Select(s => (ToInstant(day.ToDateTime(s.Start), zone), ToInstant(day.ToDateTime(TimeOnly.MinValue) + s.EndOfDay, zone)));

    /// <summary><paramref name="at"/> itself when inside working hours, else the start of the next working interval.</summary>
    public static DateTimeOffset NextWorkingMoment(DateTimeOffset at, TimeZoneInfo zone, WorkingHours hours)
    {
        var day = LocalDate(at, zone).AddDays(-1);
        for (var i = 0; i < 400; i++, day = day.AddDays(1))
        {
            foreach (var (start, end) in WorkingIntervals(day, zone, hours))
            {
                if (at < start) return start;
                if (at < end) return at;
            }
        }
        throw new ArgumentException("No working day within a year; check the working days and days off.", nameof(hours));
    }

    /// <summary>The start of the first working interval on a local date after the one <paramref name="at"/> falls on.</summary>
    public static DateTimeOffset StartOfNextWorkingDay(DateTimeOffset at, TimeZoneInfo zone, WorkingHours hours)
    {
        var day = LocalDate(at, zone).AddDays(1);
        for (var i = 0; i < 400; i++, day = day.AddDays(1))
            if (WorkingIntervals(day, zone, hours).Select(i => (DateTimeOffset?)i.Start).FirstOrDefault() is { } start) return start;
        throw new ArgumentException("No working day within a year; check the working days and days off.", nameof(hours));
    }

    /// <summary>The instant when <paramref name="workingHours"/> hours of working time have passed since <paramref name="from"/>.</summary>
    public static DateTimeOffset AddWorkingHours(DateTimeOffset from, double workingHours, TimeZoneInfo zone, WorkingHours hours)
    {
        var left = TimeSpan.FromHours(workingHours);
        var day = LocalDate(from, zone).AddDays(-1);
        for (var i = 0; i < 3700; i++, day = day.AddDays(1))
        {
            foreach (var (start, end) in WorkingIntervals(day, zone, hours))
            {
                if (end <= from) continue;
                var begin = start > from ? start : from;
                if (end - begin >= left) return begin + left;
                left -= end - begin;
            }
        }
        throw new ArgumentException("No working day within ten years; check the working days and days off.", nameof(hours));
    }

    public static DateOnly LocalDate(DateTimeOffset at, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);
}
