using System.Text.Json.Nodes;
using HireBot.Calendar;
using HireBot.Hiring;
using HireBot.Outbox;

namespace HireBot.Scheduling;

/// <summary>
/// <c>replacement.accept {interviewId, panelistId}</c> (panelistId is the proposal id): swaps the
/// panelist in the database, with the kits and the event's new attendees (an outbox row the
/// calendar client carries out, retried while the calendar does not answer and reported to the
/// recruiters when it refuses) in one transaction. Accepting again answers "already accepted".
/// </summary>
public sealed class ReplacementAction(ReplacementStore replacements, BookingStore bookings, CandidateStore candidates, RoleStore roles,
    SchedulingStore store, OutboxSignal signal, TimeProvider clock, ILogger<ReplacementAction> logger) : ICardActionFeature
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
        // The card-action dispatcher has already checked the actor may change this interview's panel (Permissions).
        if (candidate is null || role is null) return BotReply.Error("That loop no longer exists.");

        var people = await store.PeopleAsync([proposal.ProposedEmail], ct);
        var kit = BookingMessages.Kit(role, candidate, interview.Id, interview.RoundId, interview.StartsAt, interview.EndsAt,
            people[proposal.ProposedEmail], clock.GetUtcNow());
        // The kit and the event's new attendees go out with the swap.
        var accepted = await replacements.AcceptAsync(proposal, actor.Email, clock.GetUtcNow(), kit, ct);
        if (!accepted.IsOk) return BotReply.Error(accepted.Error!);
        if (accepted.Value) { SchedulingLog.Replaced(logger, proposal.Id, interview.Id); signal.Notify(); }

        return accepted.Value
            ? BotReply.Text($"{people[proposal.ProposedEmail].DisplayName} now sits the interview; the kit is queued and the calendar invitation is being updated.") with { Replaces = true }
            : BotReply.Text("This replacement was already accepted.");
    }
}
