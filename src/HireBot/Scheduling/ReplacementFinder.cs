using HireBot.Calendar;
using HireBot.Core.Roles;
using HireBot.Core.Scheduling;
using Microsoft.Extensions.Options;

using HireBot.Core.Loops;

namespace HireBot.Scheduling;

/// <summary>
/// Picks who could take a declined panelist's seat: a member of the round's pool, not already on
/// the panel, inside their working hours and free for the whole interview, under the weekly cap;
/// the least loaded that week first (then by email, so the choice is stable).
/// </summary>
public sealed class ReplacementFinder(SchedulingStore store, ICalendar calendar, IOptions<SchedulingOptions> options)
{
    public async Task<PersonRow?> FindAsync(Role role, BookedInterview interview, CancellationToken ct)
    {
        var round = role.Template.Loop.FindRound(interview.RoundId);
        var pool = role.Template.Pools.FirstOrDefault(p => p.Id == round?.InterviewerPool);
        if (pool is null) return null;
        var taken = interview.Panelists.Select(p => p.Email).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var emails = pool.Members.Where(m => !taken.Contains(m)).Select(m => m.ToLowerInvariant()).Distinct().ToList();
        if (emails.Count == 0) return null;

        var people = await store.PeopleAsync(emails, ct);
        var working = emails.Where(e => IsWorking(people[e], interview.StartsAt, interview.EndsAt)).ToList();
        if (working.Count == 0) return null;
        var schedules = await calendar.GetFreeBusyAsync(working, interview.StartsAt, interview.EndsAt, ct);
        var free = schedules.Where(s => s.IsKnown && !s.Busy.Any(b => b.StartUtc < interview.EndsAt && b.EndUtc > interview.StartsAt))
            .Select(s => s.Email.ToLowerInvariant()).ToList();
        var booked = await store.BookedStartsAsync(free, interview.StartsAt, interview.EndsAt, ct);
        return free
            .Select(e => (Person: people[e], Load: booked[e].Count(s => Week(people[e], s) == Week(people[e], interview.StartsAt))))
            .Where(x => x.Load < options.Value.WeeklyCap)
            .OrderBy(x => x.Load).ThenBy(x => x.Person.Email, StringComparer.Ordinal)
            .Select(x => x.Person).FirstOrDefault();
    }

    private static IsoWeek Week(PersonRow person, DateTimeOffset at) =>
        IsoWeek.Of(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, person.Zone).DateTime));

    private static bool IsWorking(PersonRow person, DateTimeOffset start, DateTimeOffset end)
    {
        var s = TimeZoneInfo.ConvertTime(start, person.Zone).DateTime;
        var e = TimeZoneInfo.ConvertTime(end, person.Zone).DateTime;
        var day = DateOnly.FromDateTime(s);
        return person.WorkDays.Contains(s.DayOfWeek) && !person.DaysOff.Contains(day) && DateOnly.FromDateTime(e) == day
               && TimeOnly.FromDateTime(s) >= person.WorkStart && TimeOnly.FromDateTime(e) <= person.WorkEnd;
    }
}
