using System.Text.Json.Nodes;
using HireBot.Calendar;
using HireBot.Hiring;
using HireBot.Outbox;

namespace HireBot.Scheduling;

/// <summary>
/// <c>replacement.accept {interviewId, panelistId}</c> (panelistId is the proposal id): swaps the
/// panelist in the database with the kits in one transaction, then replaces the event's
/// attendees. A failed calendar update leaves the new panel booked and says so; accepting again
/// answers "already accepted" and retries the attendee update.
/// </summary>
public sealed class ReplacementAction(ReplacementStore replacements, BookingStore bookings, CandidateStore candidates, RoleStore roles,
    SchedulingStore store, ICalendar calendar, OutboxSignal signal, TimeProvider clock, ILogger<ReplacementAction> logger) : ICardActionFeature
{
    public IReadOnlyList<string> Verbs => ["replacement.accept"];

    public async Task<BotReply> HandleAsync(Actor actor, string verb, JsonObject data, CancellationToken ct)
    {
        if (!Guid.TryParse(data["panelistId"]?.ToString(), out var proposalId) || !Guid.TryParse(data["interviewId"]?.ToString(), out var interviewId))
            return BotReply.Error("This button is missing its interview or proposal.");
        var proposal = await replacements.FindAsync(proposalId, ct);
        var interview = await bookings.FindAsync(interviewId, ct);
        if (proposal is null || proposal.InterviewId != interviewId || interview is null)
            return BotReply.Error("That interview is no longer booked, or the proposal is unknown.");
        var candidate = await candidates.ForLoopAsync(interview.LoopId, ct);
        var role = candidate is null ? null : await roles.FindAsync(candidate.RoleId, ct);
        // CardActionHandler has already checked the actor may change this interview's panel (Permissions).
        if (candidate is null || role is null) return BotReply.Error("That loop no longer exists.");

        var people = await store.PeopleAsync([proposal.ProposedEmail], ct);
        var kit = BookingMessages.Kit(role, candidate, interview.Id, interview.RoundId, interview.StartsAt, interview.EndsAt,
            people[proposal.ProposedEmail], clock.GetUtcNow());
        var accepted = await replacements.AcceptAsync(proposal, actor.Email, clock.GetUtcNow(), kit, ct);
        if (!accepted.IsOk) return BotReply.Error(accepted.Error!);
        if (accepted.Value) { SchedulingLog.Replaced(logger, proposal.Id, interview.Id); signal.Notify(); }

        var head = accepted.Value ? $"{people[proposal.ProposedEmail].DisplayName} now sits the interview; the kit is queued." : "This replacement was already accepted.";
        var updated = await UpdateAttendeesAsync(candidate, interviewId, ct);
        return updated ? BotReply.Text(head) with { Replaces = accepted.Value }
            : BotReply.Error($"{head} The calendar invitation could not be updated; accept again to retry.");
    }

    private async Task<bool> UpdateAttendeesAsync(CandidateLoop candidate, Guid interviewId, CancellationToken ct)
    {
        var current = await bookings.FindAsync(interviewId, ct);
        if (current?.CalendarEventId is null) return current is not null;
        var people = await store.PeopleAsync(current.Panelists.Select(p => p.Email), ct);
        try
        {
            var outcome = await calendar.UpdateEventAsync(current.CalendarEventId,
                new EventChange(Attendees: InterviewInvites.Attendees(candidate, current.Panelists, people)), ct);
            return outcome == EventChangeOutcome.Done;
        }
        catch (CalendarException)
        {
            return false;
        }
    }
}
