using System.Net;
using HireBot.Calendar;
using HireBot.Core.Roles;
using HireBot.Hiring;
using HireBot.Jobs;
using Quartz;
using ICalendar = HireBot.Calendar.ICalendar;

namespace HireBot.Scheduling;

/// <summary>
/// The calendar and Quartz side of a booking, run after the booking transaction commits (calendar
/// I/O cannot sit inside it). Each interview's event is created with TransactionId
/// <c>interview:{id}</c>, so repeating this after a crash or a failed call returns the event made
/// the first time instead of inviting twice. An interview whose event could not be created stays
/// booked with no calendar_event_id: repeating the pick (or reschedule) retries exactly those.
/// </summary>
public sealed class InterviewInvites(BookingStore bookings, SchedulingStore store, ICalendar calendar, ISchedulerFactory quartz,
    TimeProvider clock, ILogger<InterviewInvites> logger)
{
    public static string TransactionId(Guid interviewId) => $"interview:{interviewId}";

    /// <summary>
    /// Creates missing calendar events; returns how many invitations failed. A fresh booking wrote
    /// its triggers in its own transaction; <paramref name="repairTriggers"/> (a repeated pick)
    /// sets them again for bookings made before that was so.
    /// </summary>
    public async Task<int> SyncAsync(Role role, CandidateLoop candidate, bool repairTriggers, CancellationToken ct)
    {
        var booked = await bookings.ScheduledAsync(candidate.LoopId, ct);
        if (repairTriggers)
        {
            var scheduler = await quartz.GetScheduler(ct);
            foreach (var interview in booked)
                await InterviewJobs.ScheduleAsync(scheduler, interview.Id, interview.StartsAt, interview.EndsAt, clock.GetUtcNow(), ct);
        }

        var missing = booked.Where(i => i.CalendarEventId is null).ToList();
        var people = await store.PeopleAsync(missing.SelectMany(i => i.Panelists.Select(p => p.Email)), ct);
        var failed = 0;
        foreach (var interview in missing)
        {
            try
            {
                var created = await calendar.CreateEventAsync(Event(role, candidate, interview, people), ct);
                await bookings.SetEventAsync(interview.Id, created.EventId, created.JoinUrl, ct);
            }
            catch (CalendarException e)
            {
                SchedulingLog.InviteFailed(logger, interview.Id, e.Failure);
                failed++;
            }
        }
        return failed;
    }

    /// <summary>Cancels events and triggers of interviews the database already marked cancelled; returns failures.</summary>
    public async Task<int> CancelAsync(IReadOnlyList<CancelledInterview> cancelled, string comment, CancellationToken ct)
    {
        var scheduler = await quartz.GetScheduler(ct);
        var failed = 0;
        foreach (var c in cancelled)
        {
            await InterviewJobs.CancelAsync(scheduler, c.InterviewId, ct);
            if (c.CalendarEventId is null) continue;
            try
            {
                await calendar.CancelEventAsync(c.CalendarEventId, comment, ct);
            }
            catch (CalendarException e)
            {
                SchedulingLog.CancelFailed(logger, c.InterviewId, c.CalendarEventId, e.Failure);
                failed++;
            }
        }
        return failed;
    }

    /// <summary>Panelists required, shadows optional, the candidate required.</summary>
    public static IReadOnlyList<EventAttendee> Attendees(CandidateLoop candidate, IEnumerable<BookedPanelist> panel, IReadOnlyDictionary<string, PersonRow> people) =>
        [.. panel.Select(p => new EventAttendee(p.Email, ScheduleCards.Name(people, p.Email), p.IsShadow)), new EventAttendee(candidate.Email, candidate.Name)];

    private static InterviewEvent Event(Role role, CandidateLoop candidate, BookedInterview interview, IReadOnlyDictionary<string, PersonRow> people)
    {
        var round = role.Template.Loop.FindRound(interview.RoundId)?.Name ?? interview.RoundId;
        var body = $"<p>{WebUtility.HtmlEncode(round)} interview with {WebUtility.HtmlEncode(candidate.Name)} " +
                   $"for {WebUtility.HtmlEncode(role.Template.Title)}.</p><p>Panelists receive their interview kit in chat the day before.</p>";
        return new InterviewEvent($"Interview: {candidate.Name}, {round} ({role.Template.Title})", body,
            interview.StartsAt, interview.EndsAt, Attendees(candidate, interview.Panelists, people), IsOnlineMeeting: true,
            TransactionId(interview.Id));
    }
}
