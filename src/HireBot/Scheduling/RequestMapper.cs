using HireBot.Calendar;
using HireBot.Core.Roles;
using HireBot.Core.Scheduling;

namespace HireBot.Scheduling;

/// <summary>Maps the role, people rows and free/busy onto the scheduler's request. No I/O.</summary>
public static class RequestMapper
{
    public sealed record Facts(
        Role Role,
        IReadOnlyList<RoundTemplate> Rounds,
        IReadOnlyList<InterviewerPool> Pools,
        IReadOnlyDictionary<string, PersonRow> People,
        ILookup<string, DateTimeOffset> BookedStarts,
        IReadOnlyList<MailboxSchedule> FreeBusy,
        PersonRow Candidate,
        UtcInterval Window,
        SchedulingOptions Settings);

    public static SchedulingRequest Map(Facts f)
    {
        var busy = f.FreeBusy.ToDictionary(s => s.Email.ToLowerInvariant(),
            s => s.Busy.Select(b => new UtcInterval(b.StartUtc, b.EndUtc)).ToList());
        var interviewers = f.People.Keys.Select(email =>
        {
            var person = f.People[email];
            var memberOf = f.Pools.Where(p => Contains(p.Members, email)).Select(p => p.Id).ToHashSet();
            var traineeOf = f.Pools.Where(p => Contains(p.Trainees, email)).Select(p => p.Id).ToHashSet();
            // The scheduler knows one trainee flag per person: someone who is a full member of any
            // pool sits panels for those pools' rounds only and is not offered shadow seats.
            var isTrainee = memberOf.Count == 0;
            var pools = isTrainee ? traineeOf : memberOf;
            return new Interviewer
            {
                Email = email,
                TimeZoneId = person.TimeZoneId,
                WorkingHours = person.Hours,
                QualifiedRoundIds = f.Rounds.Where(r => r.InterviewerPool is { } p && pools.Contains(p)).Select(r => r.Id).ToList(),
                IsTrainee = isTrainee,
                WeeklyCap = f.Settings.WeeklyCap,
                LoadByWeek = f.BookedStarts[email].GroupBy(s => IsoWeek.Of(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(s, person.Zone).DateTime)))
                    .ToDictionary(g => g.Key, g => g.Count()),
                Busy = [.. busy.GetValueOrDefault(email) ?? [], .. person.DaysOffBusy()],
            };
        }).ToList();

        return new SchedulingRequest
        {
            SearchWindow = f.Window,
            CandidateAvailability = BusinessHours(f.Candidate, f.Window),
            CandidateTimeZoneId = f.Candidate.TimeZoneId,
            Rounds = f.Rounds.Select(r => new RoundRequirement
            {
                Id = r.Id,
                Name = r.Name,
                Duration = TimeSpan.FromMinutes(r.DurationMinutes),
                PanelSize = r.PanelSize,
                ShadowSeats = f.Pools.FirstOrDefault(p => p.Id == r.InterviewerPool)?.Trainees.Count > 0 ? 1 : 0,
            }).ToList(),
            Interviewers = interviewers,
            Buffer = TimeSpan.FromMinutes(f.Settings.BufferMinutes),
            MaxOptions = f.Settings.MaxOptions,
        };
    }

    /// <summary>The candidate's working hours (their zone, weekdays) inside the window: what we assume they can do.</summary>
    public static IReadOnlyList<UtcInterval> BusinessHours(PersonRow candidate, UtcInterval window)
    {
        var zone = candidate.Zone;
        var list = new List<UtcInterval>();
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(window.Start, zone).DateTime);
        var lastDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(window.End, zone).DateTime);
        for (; day <= lastDay; day = day.AddDays(1))
        {
            if (!candidate.WorkDays.Contains(day.DayOfWeek) || candidate.DaysOff.Contains(day)) continue;
            var start = At(day, candidate.WorkStart, zone);
            var end = At(day, candidate.WorkEnd, zone);
            if (start < window.Start) start = window.Start;
            if (end > window.End) end = window.End;
            if (end > start) list.Add(new UtcInterval(start, end));
        }
        return list;
    }

    private static DateTimeOffset At(DateOnly day, TimeOnly time, TimeZoneInfo zone)
    {
        var wall = day.ToDateTime(time);
        if (zone.IsInvalidTime(wall)) wall = wall.AddHours(1);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(wall, zone), TimeSpan.Zero);
    }

    private static bool Contains(IReadOnlyList<string> list, string email) => list.Contains(email, StringComparer.OrdinalIgnoreCase);
}
