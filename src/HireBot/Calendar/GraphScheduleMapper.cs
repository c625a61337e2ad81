using Microsoft.Graph.Models;

namespace HireBot.Calendar;

/// <summary>
/// Reads getSchedule's <c>scheduleInformation</c> into our records
/// (https://learn.microsoft.com/graph/api/resources/scheduleinformation).
/// </summary>
internal static class GraphScheduleMapper
{
    /// <summary>
    /// Busy, out-of-office and tentative block an interview; tentative because the owner has
    /// probably committed and a clash costs a reschedule. Free and working-elsewhere do not: the
    /// person is working, only not at their desk, and can join a Teams meeting. Unknown is treated
    /// as busy because guessing free risks double booking.
    /// </summary>
    public static bool Blocks(FreeBusyStatus? status) => status switch
    {
        FreeBusyStatus.Free or FreeBusyStatus.WorkingElsewhere => false,
        _ => true,
    };

    public static IEnumerable<BusyInterval> BusyIntervals(ScheduleInformation info)
    {
        foreach (var item in info.ScheduleItems ?? [])
        {
            if (Blocks(item.Status) && item.Start is not null && item.End is not null)
            {
                yield return new BusyInterval(GraphTime.FromGraph(item.Start), GraphTime.FromGraph(item.End));
            }
        }
    }

    /// <summary>The same local start and end on each listed day, with the zone name the server sent.</summary>
    public static (Core.People.WorkingHours Hours, string? Zone)? WorkingHours(ScheduleInformation info)
    {
        var hours = info.WorkingHours;
        if (hours?.StartTime is not { } start || hours.EndTime is not { } end)
        {
            return null;
        }

        var days = (hours.DaysOfWeek ?? [])
            .Where(d => d is not null)
            .Select(d => ToDayOfWeek(d!.Value));
        return (Core.People.WorkingHours.Weekly(
            days,
            new TimeOnly(start.Hour, start.Minute, start.Second),
            new TimeOnly(end.Hour, end.Minute, end.Second)),
            hours.TimeZone?.Name);
    }

    /// <summary>An unknown address comes back as an entry carrying an error instead of items.</summary>
    public static string? Error(ScheduleInformation info) =>
        info.Error is { } error ? error.ResponseCode ?? error.Message ?? "error" : null;

    private static DayOfWeek ToDayOfWeek(DayOfWeekObject day) => day switch
    {
        DayOfWeekObject.Sunday => DayOfWeek.Sunday,
        DayOfWeekObject.Monday => DayOfWeek.Monday,
        DayOfWeekObject.Tuesday => DayOfWeek.Tuesday,
        DayOfWeekObject.Wednesday => DayOfWeek.Wednesday,
        DayOfWeekObject.Thursday => DayOfWeek.Thursday,
        DayOfWeekObject.Friday => DayOfWeek.Friday,
        _ => DayOfWeek.Saturday,
    };
}
