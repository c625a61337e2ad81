using HireBot.Core.Text;
using System.Globalization;
using System.Text.Json.Nodes;
using HireBot.Core.Roles;
using HireBot.Core.Scheduling;
using HireBot.Hiring;
using HireBot.Outbox;

namespace HireBot.Scheduling;

/// <summary>
/// <c>schedule.pick {loopId, optionId}</c>: books the picked option. Order of work, chosen so a
/// failure leaves a clear state: (1) one transaction books interviews, panels, the loop state,
/// the outbox rows and the interviews' Quartz triggers; (2) calendar events are created
/// idempotently. If (2) fails, the booking stands and a repeated click (answered
/// "already booked") redoes exactly the missing invitations.
/// </summary>
public sealed class SchedulePickAction(RoleStore roles, CandidateStore candidates, BookingStore bookings, SchedulingStore store,
    InterviewInvites invites, OutboxSignal signal, TimeProvider clock, ILogger<SchedulePickAction> logger) : ICardActionFeature
{
    public IReadOnlyList<string> Verbs => ["schedule.pick"];

    public async Task<BotReply> HandleAsync(Actor actor, string verb, JsonObject data, CancellationToken ct)
    {
        if (!Guid.TryParse(data["loopId"]?.ToString(), out var loopId)
            || !int.TryParse(data["optionId"]?.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var optionNo))
            return BotReply.Error("This button is missing its loop or option; run `schedule` again for a fresh card.");
        var candidate = await candidates.ForLoopAsync(loopId, ct);
        var role = candidate is null ? null : await roles.FindAsync(candidate.RoleId, ct);
        // CardActionHandler has already checked the actor may book this loop (Permissions).
        if (candidate is null || role is null) return BotReply.Error("That loop no longer exists.");

        var reader = (await store.PeopleAsync([actor.Email], ct))[actor.Email];
        var now = clock.GetUtcNow();
        var booked = await bookings.BookAsync(loopId, optionNo, now,
            async (option, ids, token) => await MessagesAsync(role, candidate, option, ids, optionNo, actor.Email, reader, now, token), ct, bookedBy: actor.Email);
        if (!booked.IsOk) return BotReply.Error(booked.Error!);
        if (booked.Value) { SchedulingLog.Booked(logger, loopId, optionNo); signal.Notify(); }

        var failed = await invites.SyncAsync(role, candidate, repairTriggers: !booked.Value, ct);
        var head = booked.Value ? $"Booked {candidate.Name}'s interviews; invitations sent and kits queued." : $"{candidate.Name}'s loop is already booked.";
        return failed == 0
            ? BotReply.Text(head) with { Replaces = booked.Value }
            : BotReply.Error($"{head} {Counted.Of(failed, "calendar invitation")} could not be created; click the option again to retry them.");
    }

    private async Task<IReadOnlyList<OutboxMessage>> MessagesAsync(Role role, CandidateLoop candidate, ScheduleOption option, IReadOnlyList<Guid> ids,
        int optionNo, string recruiter, PersonRow reader, DateTimeOffset now, CancellationToken ct)
    {
        var people = await store.PeopleAsync(option.Rounds.SelectMany(r => r.Panelists.Concat(r.Shadows)), ct);
        var messages = option.Rounds.SelectMany((r, i) => r.Panelists.Concat(r.Shadows)
            .Select(p => BookingMessages.Kit(role, candidate, ids[i], r.RoundId, r.Start, r.End, people[p], now))).ToList();
        messages.Add(BookingMessages.Confirmation(role, candidate, option, optionNo, recruiter, reader, people));
        return messages;
    }
}
