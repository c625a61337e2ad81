using HireBot.Core.Text;
using System.Globalization;
using System.Text.Json.Nodes;
using HireBot.Core.Roles;
using HireBot.Core.Loops;
using HireBot.Core.Scheduling;
using HireBot.Hiring;
using HireBot.Outbox;

namespace HireBot.Scheduling;

/// <summary>
/// <c>schedule.pick {loopId, optionId}</c>: books the picked option. One transaction books the
/// interviews, panels, loop state, kits and confirmation, the calendar invitations (outbox rows the
/// calendar client carries out, retried while the calendar does not answer and reported to the
/// recruiters when it refuses) and the interviews' Quartz triggers. Nothing here waits on the
/// calendar. A repeated click on a booked loop asks again for the invitations still missing, as
/// does <c>calendar.retry {loopId}</c>, the Retry button on the report of an invitation the calendar
/// refused or the outbox gave up on.
/// </summary>
public sealed class SchedulePickAction(RoleStore roles, CandidateStore candidates, BookingStore bookings, SchedulingStore store,
    InterviewInvites invites, OutboxSignal signal, TimeProvider clock, ILogger<SchedulePickAction> logger) : ICardActionFeature
{
    public IReadOnlyList<string> Verbs => ["schedule.pick", "calendar.retry"]; // calendar.retry: UndeliveredReports.RetryVerb

    public async Task<BotReply> HandleAsync(Actor actor, string verb, JsonObject data, CancellationToken ct)
    {
        if (verb == UndeliveredReports.RetryVerb) return await RetryAsync(actor, data, ct);
        if (!Guid.TryParse(data["loopId"]?.ToString(), out var loopId)
            || !int.TryParse(data["optionId"]?.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var optionNo))
            return BotReply.Error("This button is missing its loop or option; run `schedule` again for a fresh card.");
        var candidate = await candidates.ForLoopAsync(loopId, ct);
        var role = candidate is null ? null : await roles.FindAsync(candidate.RoleId, ct);
        // CardActionHandler has already checked the actor may book this loop (Permissions).
        if (candidate is null || role is null) return BotReply.Error("That loop no longer exists.");

        var now = clock.GetUtcNow();
        if (candidate.State is LoopState.Scheduled or LoopState.InProgress) return await AlreadyBookedAsync(candidate, actor.Email, ct);
        var option = await bookings.OfferedAsync(loopId, optionNo, ct);
        if (option is null) return BotReply.Error("That option is no longer offered: use the latest schedule card, or run `schedule` again.");
        var reader = (await store.PeopleAsync([actor.Email], ct))[actor.Email];
        var ids = option.Rounds.Select(_ => Guid.CreateVersion7()).ToList();
        var messages = await MessagesAsync(role, candidate, option, ids, optionNo, actor.Email, reader, now, ct);
        var booked = await bookings.BookAsync(loopId, optionNo, option, ids, messages, now, ct, bookedBy: actor.Email);
        if (!booked.IsOk) return BotReply.Error(booked.Error!);
        if (!booked.Value) return await AlreadyBookedAsync(candidate, actor.Email, ct);
        SchedulingLog.Booked(logger, loopId, optionNo);
        signal.Notify();
        return BotReply.Text($"Booked {candidate.Name}'s interviews; kits queued. Sending the calendar invitations: you will be told when they are sent, or which could not be.") with { Replaces = true };
    }

    /// <summary>The Retry button of a calendar failure report: the loop's invitations not yet made are asked for again.</summary>
    private async Task<BotReply> RetryAsync(Actor actor, JsonObject data, CancellationToken ct)
    {
        // CardActionHandler has already checked the actor may book this loop (Permissions).
        var candidate = Guid.TryParse(data["loopId"]?.ToString(), out var loopId) ? await candidates.ForLoopAsync(loopId, ct) : null;
        if (candidate is null) return BotReply.Error("That loop no longer exists.");
        if (candidate.State is not (LoopState.Scheduled or LoopState.InProgress))
            return BotReply.Text($"{candidate.Name}'s loop has no booked interviews now; nothing to send again.");
        var missing = await invites.RepairAsync(loopId, actor.Email, ct);
        if (missing > 0) signal.Notify();
        return BotReply.Text(missing == 0 ? $"Every calendar invitation of {candidate.Name}'s loop is made; nothing to send again."
            : $"Sending the {Counted.Of(missing, "calendar invitation")} of {candidate.Name}'s loop not yet made again: you will be told when they are sent, or which could not be.");
    }

    /// <summary>A repeated pick: the invitations not yet made are asked for again (and the triggers set, for bookings made before they were written with them).</summary>
    private async Task<BotReply> AlreadyBookedAsync(CandidateLoop candidate, string recruiter, CancellationToken ct)
    {
        var missing = await invites.RepairAsync(candidate.LoopId, recruiter, ct);
        if (missing > 0) signal.Notify();
        return BotReply.Text(missing == 0 ? $"{candidate.Name}'s loop is already booked."
            : $"{candidate.Name}'s loop is already booked; sending the {Counted.Of(missing, "calendar invitation")} not yet made again.");
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
