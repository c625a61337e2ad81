using System.Net;
using HireBot.Calendar;
using HireBot.Core.Roles;
using HireBot.Hiring;
using HireBot.Jobs;
using Quartz;
using ICalendar = HireBot.Calendar.ICalendar;

namespace HireBot.Scheduling;

/// <summary>
/// The calendar and Quartz side of bookings. Each interview's event is created with TransactionId
/// <c>interview:{id}</c>, so creating it again after a crash or a failed call returns the event made
/// the first time instead of inviting twice; creating and cancelling are outbox rows
/// (<see cref="CalendarEffects"/>). An interview whose event could not be created stays booked
/// with no calendar_event_id: repeating the pick asks for exactly those again.
/// </summary>
public sealed class InterviewInvites(BookingStore bookings, HireBot.Organisations.OrgDb db, ISchedulerFactory quartz, TimeProvider clock)
{
    public static string TransactionId(Guid interviewId) => $"interview:{interviewId}";

    /// <summary>
    /// For a booked loop: sets the interviews' triggers again (bookings made before they were written
    /// with the booking) and asks again for the events not yet made; returns how many.
    /// </summary>
    public async Task<int> RepairAsync(Guid loopId, string recruiter, CancellationToken ct)
    {
        var booked = await bookings.ScheduledAsync(loopId, ct);
        var scheduler = await quartz.GetScheduler(ct);
        foreach (var interview in booked)
            await InterviewJobs.ScheduleAsync(scheduler, interview.Id, interview.StartsAt, interview.EndsAt, clock.GetUtcNow(), ct);
        var missing = booked.Where(i => i.CalendarEventId is null).ToList();
        if (missing.Count == 0) return 0;
        var attempt = $"again-{clock.GetUtcNow().ToUnixTimeMilliseconds()}";
        await using var conn = await db.OpenConnectionAsync(ct);
        await Outbox.OutboxStore.EnqueueAsync(conn, null, missing.Select(i => CalendarEffects.Create(i.Id, loopId, i.RoundId, recruiter, attempt)), ct);
        return missing.Count;
    }

    /// <summary>Removes the Quartz triggers of interviews the database already marked cancelled (their events are outbox rows).</summary>
    public async Task CancelTriggersAsync(IReadOnlyList<CancelledInterview> cancelled, CancellationToken ct)
    {
        var scheduler = await quartz.GetScheduler(ct);
        foreach (var c in cancelled) await InterviewJobs.CancelAsync(scheduler, c.InterviewId, ct);
    }

    /// <summary>Panelists required, shadows optional, the candidate required.</summary>
    public static IReadOnlyList<EventAttendee> Attendees(CandidateLoop candidate, IEnumerable<BookedPanelist> panel, IReadOnlyDictionary<string, PersonRow> people) =>
        [.. panel.Select(p => new EventAttendee(p.Email, ScheduleCards.Name(people, p.Email), p.IsShadow)), new EventAttendee(candidate.Email, candidate.Name)];

    public static InterviewEvent Event(Role role, CandidateLoop candidate, BookedInterview interview, IReadOnlyDictionary<string, PersonRow> people)
    {
        var round = role.Template.Loop.FindRound(interview.RoundId)?.Name ?? interview.RoundId;
        var body = $"<p>{WebUtility.HtmlEncode(round)} interview with {WebUtility.HtmlEncode(candidate.Name)} " +
                   $"for {WebUtility.HtmlEncode(role.Template.Title)}.</p><p>Panelists receive their interview kit in chat the day before.</p>";
        return new InterviewEvent($"Interview: {candidate.Name}, {round} ({role.Template.Title})", body,
            interview.StartsAt, interview.EndsAt, Attendees(candidate, interview.Panelists, people), IsOnlineMeeting: true,
            TransactionId(interview.Id));
    }
}
