using System.Text.Json.Nodes;
using HireBot.Calendar;
using HireBot.Hiring;
using HireBot.Outbox;
using ICalendar = HireBot.Calendar.ICalendar;

namespace HireBot.Scheduling;

/// <summary>
/// Delivers <see cref="CalendarEffects"/> rows: the calendar is "the platform" these rows go to.
/// A create makes the interview's event (idempotent on its TransactionId) and records its id; one
/// whose interview was cancelled meanwhile does nothing, or cancels the event it just made. A
/// calendar that does not answer is retried by the dispatcher; one that refuses fails the row,
/// which the loop's recruiters are told about (<see cref="UndeliveredReports"/>). Once every
/// interview of a booking has its event, the recruiter who booked is told.
/// </summary>
public sealed class CalendarChannelClient(BookingStore bookings, SchedulingStore store, CandidateStore candidates, Hiring.RoleStore roles, ICalendar calendar,
    HireBot.Organisations.OrgDb db, OutboxSignal signal) : IChannelClient
{
    public string Channel => CalendarEffects.Channel;

    public async Task<DeliveryResult> DeliverAsync(Delivery delivery, CancellationToken ct)
    {
        try
        {
            return delivery.Kind switch
            {
                CalendarEffects.CreateKind => await CreateAsync(Id(delivery), delivery.Data["notify"]?.GetValue<string>(), ct),
                CalendarEffects.UpdateKind => await UpdateAsync(Id(delivery), ct),
                // An event already gone (NotFound) is as cancelled as it gets.
                CalendarEffects.CancelKind => await CancelAsync(delivery, ct),
                _ => new DeliveryResult.Failed($"unknown calendar change {delivery.Kind}"),
            };
        }
        catch (CalendarException e) when (e.IsTransient)
        {
            return new DeliveryResult.Retry(e.RetryAfter ?? TimeSpan.Zero, Inbox.CommandFailure.Describe(e));
        }
        catch (CalendarException e)
        {
            return new DeliveryResult.Failed(Inbox.CommandFailure.Describe(e));
        }
    }

    private async Task<DeliveryResult> CreateAsync(Guid interviewId, string? notify, CancellationToken ct)
    {
        var interview = await bookings.FindAsync(interviewId, ct);
        if (interview is null || interview.CalendarEventId is not null) return Sent(interview?.CalendarEventId); // cancelled, or made already
        var candidate = await candidates.ForLoopAsync(interview.LoopId, ct);
        var role = candidate is null ? null : await roles.FindAsync(candidate.RoleId, ct);
        if (candidate is null || role is null) return Sent(null);
        var people = await store.PeopleAsync(interview.Panelists.Select(p => p.Email), ct);
        var created = await calendar.CreateEventAsync(InterviewInvites.Event(role, candidate, interview, people), ct);
        await bookings.SetEventAsync(interviewId, created.EventId, created.JoinUrl, ct);
        // Cancelled while the event was being made: the cancellation saw no event to cancel, so this does.
        if (await bookings.FindAsync(interviewId, ct) is null)
            await calendar.CancelEventAsync(created.EventId, "This interview has been cancelled.", ct);
        else if (notify is { Length: > 0 })
            await TellWhenAllSentAsync(interview.LoopId, candidate.Name, notify, ct);
        return Sent(created.EventId);
    }

    /// <summary>The last invitation of the loop's booking is out: the recruiter who booked hears so, once per booking.</summary>
    private async Task TellWhenAllSentAsync(Guid loopId, string candidateName, string recruiter, CancellationToken ct)
    {
        var booked = await bookings.ScheduledAsync(loopId, ct);
        if (booked.Count == 0 || booked.Any(i => i.CalendarEventId is null)) return;
        var booking = booked.Select(i => i.Id).Min();
        await using var conn = await db.OpenConnectionAsync(ct);
        if (await OutboxStore.EnqueueAsync(conn, null, [new OutboxMessage($"invitations-sent:{loopId}:{booking}", Recipients.Person(recruiter), "message",
                new JsonObject { ["text"] = $"Calendar invitations sent for {candidateName}'s {Core.Text.Counted.Of(booked.Count, "interview")}." }, LoopId: loopId)], ct) > 0)
            signal.Notify();
    }

    private async Task<DeliveryResult> UpdateAsync(Guid interviewId, CancellationToken ct)
    {
        var current = await bookings.FindAsync(interviewId, ct);
        // No event yet: its create sends the current panel.
        if (current?.CalendarEventId is null) return Sent(null);
        var candidate = await candidates.ForLoopAsync(current.LoopId, ct);
        if (candidate is null) return Sent(null);
        var people = await store.PeopleAsync(current.Panelists.Select(p => p.Email), ct);
        return Done(await calendar.UpdateEventAsync(current.CalendarEventId,
            new EventChange(Attendees: InterviewInvites.Attendees(candidate, current.Panelists, people)), ct));
    }

    private async Task<DeliveryResult> CancelAsync(Delivery delivery, CancellationToken ct)
    {
        await calendar.CancelEventAsync(delivery.Data["eventId"]!.GetValue<string>(), delivery.Data["comment"]?.GetValue<string>() ?? "", ct);
        return Sent(null);
    }

    private DeliveryResult Done(EventChangeOutcome outcome) =>
        outcome == EventChangeOutcome.Done ? Sent(null) : new DeliveryResult.Failed($"the calendar event could not be changed ({outcome})");

    private DeliveryResult Sent(string? eventId) => new DeliveryResult.Sent(Channel, eventId is null ? null : new JsonObject { ["eventId"] = eventId });

    private static Guid Id(Delivery delivery) => Guid.Parse(delivery.Data["interviewId"]!.GetValue<string>());
}
