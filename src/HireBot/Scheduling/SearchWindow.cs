using System.Globalization;
using HireBot.Core;
using HireBot.Core.Scheduling;

namespace HireBot.Scheduling;

/// <summary>
/// Where the scheduler looks: the dates the recruiter named (whole days in the candidate's zone),
/// or, by default, from now (the next quarter hour) to the end of the given number of business
/// days after today in the candidate's zone, so the rest of today counts too. Never earlier than now.
/// </summary>
public static class SearchWindow
{
    public static Outcome<UtcInterval> Resolve(string? between, string? and, TimeZoneInfo candidateZone, DateTimeOffset now, int businessDays)
    {
        if (between is null || and is null)
        {
            // Once this started tomorrow in UTC: the rest of today was never offered, and the
            // candidate's evening could already be "tomorrow" in UTC (or the reverse).
            var last = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, candidateZone).DateTime);
            for (int counted = 0; counted < businessDays;)
            {
                last = last.AddDays(1);
                if (IsBusinessDay(last)) counted++;
            }
            return new UtcInterval(RoundUp(now), Utc(last.AddDays(1), candidateZone));
        }
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, candidateZone).DateTime);
        if (!TryDate(between, today, out var from) || !TryDate(and, from, out var to))
            return Outcome<UtcInterval>.Fail("Write dates as YYYY-MM-DD or like 3 Dec, e.g. `between 2026-12-01 and 2026-12-12` or `between 3 Dec and 12 Dec`.");
        if (to < from) return Outcome<UtcInterval>.Fail($"{and} is before {between}.");
        if (to.DayNumber - from.DayNumber > 42) return Outcome<UtcInterval>.Fail("Search at most six weeks at a time.");
        var start = Utc(from, candidateZone);
        var end = Utc(to.AddDays(1), candidateZone);
        if (end <= now) return Outcome<UtcInterval>.Fail($"{between} to {and} is in the past.");
        // Start on the next quarter hour: the scheduler's grid is aligned to the window start.
        var earliest = RoundUp(now);
        return new UtcInterval(start < earliest ? earliest : start, end);
    }

    private static DateTimeOffset RoundUp(DateTimeOffset now)
    {
        var quarter = TimeSpan.FromMinutes(15).Ticks;
        var ticks = (now.UtcTicks + quarter - 1) / quarter * quarter;
        return new DateTimeOffset(ticks, TimeSpan.Zero);
    }

    private static bool IsBusinessDay(DateOnly d) => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    private static readonly string[] WithYear = ["yyyy-MM-dd", "d MMM yyyy", "d MMMM yyyy", "MMM d yyyy", "MMMM d yyyy"];
    private static readonly string[] WithoutYear = ["d MMM", "d MMMM", "MMM d", "MMMM d"];

    /// <summary>
    /// An ISO date, or a day and month in English ("3 Dec", "Dec 3", "3 December 2026"). Without
    /// a year it is the first such day on or after <paramref name="notBefore"/> (the window's start,
    /// or today), so "between 28 Dec and 4 Jan" crosses the new year.
    /// </summary>
    private static bool TryDate(string text, DateOnly notBefore, out DateOnly date)
    {
        var cleaned = text.Replace(",", " ").Trim();
        cleaned = string.Join(' ', cleaned.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        if (DateOnly.TryParseExact(cleaned, WithYear, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out date)) return true;
        foreach (var format in WithoutYear)
        {
            // Parsed with a leap year so 29 Feb is accepted, then placed in the right year.
            if (!DateTime.TryParseExact($"{cleaned} 2000", $"{format} yyyy", CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var parsed)) continue;
            for (var year = notBefore.Year; year <= notBefore.Year + 4; year++)
            {
                if (parsed.Month == 2 && parsed.Day == 29 && !DateTime.IsLeapYear(year)) continue;
                var candidate = new DateOnly(year, parsed.Month, parsed.Day);
                if (candidate >= notBefore) { date = candidate; return true; }
            }
        }
        date = default;
        return false;
    }

    internal static DateTimeOffset Utc(DateOnly day, TimeZoneInfo zone)
    {
        var wall = day.ToDateTime(TimeOnly.MinValue);
        if (zone.IsInvalidTime(wall)) wall = wall.AddHours(1);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(wall, zone), TimeSpan.Zero);
    }
}
