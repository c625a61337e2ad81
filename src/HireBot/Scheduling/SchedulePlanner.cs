using HireBot.Calendar;
using HireBot.Core.Roles;
using HireBot.Core.Scheduling;
using HireBot.Hiring;
using Microsoft.Extensions.Options;

namespace HireBot.Scheduling;

/// <summary>
/// Gathers what the loop scheduler needs (the role's rounds and pools, people's zones and hours,
/// free/busy from the calendar, current weekly load) and runs it. Pure mapping lives in
/// <see cref="RequestMapper"/>; this class only reads.
/// </summary>
public sealed class SchedulePlanner(SchedulingStore store, ICalendar calendar, TimeProvider clock, IOptions<SchedulingOptions> options)
{
    /// <param name="keptRounds">Round ids already booked or done (a reschedule keeps them).</param>
    public async Task<SchedulePlan> PlanAsync(Role role, CandidateLoop candidate, PersonRow candidatePerson, UtcInterval window,
        IReadOnlySet<string> keptRounds, CancellationToken ct)
    {
        var settings = options.Value;
        var rounds = role.Template.Loop.Rounds;
        var later = rounds.Where(r => r.OnlyAfterEarlierRoundsPass).ToList();
        var kept = rounds.Where(r => !r.OnlyAfterEarlierRoundsPass && keptRounds.Contains(r.Id)).ToList();
        var toPlace = rounds.Except(later).Except(kept).ToList();

        var pools = toPlace.Select(r => r.InterviewerPool).OfType<string>().Distinct()
            .Select(id => role.Template.Pools.FirstOrDefault(p => p.Id == id)).OfType<InterviewerPool>().ToList();
        var emails = pools.SelectMany(p => p.Members.Concat(p.Trainees)).Select(e => e.ToLowerInvariant()).Distinct().ToList();

        var people = await store.KnownPeopleAsync(emails, ct);
        var booked = await store.BookedStartsAsync(emails, window.Start, window.End, ct);
        var schedules = emails.Count == 0 ? [] : await calendar.GetFreeBusyAsync(emails, window.Start, window.End, ct);
        // A zone the organisation has not set (no row, or the table's default UTC) comes from the
        // person's calendar when it reports one (Google's settings/timezone).
        var zones = schedules.Where(s => s.TimeZone is not null).ToDictionary(s => s.Email, s => s.TimeZone!, StringComparer.OrdinalIgnoreCase);
        foreach (var email in emails)
        {
            var person = people.GetValueOrDefault(email) ?? PersonRow.Default(email);
            people[email] = zones.TryGetValue(email, out var zone) && person.TimeZoneId == "UTC" ? person with { TimeZoneId = zone } : person;
        }

        var request = RequestMapper.Map(new RequestMapper.Facts(role, toPlace, pools, people, booked, schedules, candidatePerson, window, settings));
        // An anytime search: at the budget it answers with the best options found so far.
        var budget = TimeSpan.FromMilliseconds(settings.SearchMilliseconds);
        using var deadline = new CancellationTokenSource(budget, clock);
        var started = clock.GetTimestamp();
        var result = toPlace.Count == 0 ? new SchedulingResult([], []) : LoopScheduler.Schedule(request, deadline.Token);
        Telemetry.HireBotMetrics.SchedulingTime.Record(clock.GetElapsedTime(started).TotalMilliseconds);
        var unreadable = schedules.Where(s => !s.IsKnown).Select(s => Hiring.PersonName.Of(s.Email, people.GetValueOrDefault(s.Email)?.DisplayName)).ToList();
        return new SchedulePlan(result, later, kept, unreadable.Count, budget, unreadable);
    }
}
