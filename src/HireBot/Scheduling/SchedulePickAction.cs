using HireBot.Core.Text;
using System.Globalization;
using System.Text.Json.Nodes;
using HireBot.Core.Loops;
using HireBot.Hiring;
using HireBot.Outbox;

namespace HireBot.Scheduling;

/// <summary>
/// <c>schedule.pick {loopId, optionId}</c>: books the picked option. Under the loop's lock,
/// <see cref="LoopBookings.Book"/> decides; one transaction then writes the interviews, panels,
/// loop state, kits and confirmation, the calendar invitations (outbox rows the calendar client
/// carries out, retried while the calendar does not answer and reported to the recruiters when it
/// refuses) and the interviews' Quartz triggers. Nothing here waits on the calendar. A repeated
/// click on a booked loop asks again for the invitations still missing,
/// as does <c>calendar.retry {loopId}</c>, the Retry button on the report of an invitation the
/// calendar refused or the outbox gave up on.
/// </summary>
public sealed class SchedulePickAction(RoleStore roles, CandidateStore candidates, BookingStore bookings,
    OutboxSignal signal, TimeProvider clock, ILogger<SchedulePickAction> logger) : ICardActionFeature
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
        // The card-action dispatcher has already checked the actor may book this loop (Permissions).
        if (candidate is null || role is null) return BotReply.Error(LoopBookings.LoopGone);

        await using var loop = await bookings.LockAsync(loopId, actor.Email, clock.GetUtcNow(), ct);
        if (loop is null) return BotReply.Error(LoopBookings.LoopGone);
        var booked = LoopBookings.Book(loop.Snapshot, optionNo, Guid.CreateVersion7);
        if (!booked.IsOk) return BotReply.Error(booked.Error!);
        var change = booked.Value!;
        await loop.CommitAsync(change, change.Repeated ? [] : await MessagesAsync(loop, role, candidate, change, ct), ct);
        if (change.Effects.Count > 0) signal.Notify();
        if (change.Repeated)
        {
            var missing = change.Of<LoopEffect.CalendarCreate>().Count;
            return BotReply.Text(missing == 0 ? $"{candidate.Name}'s loop is already booked."
                : $"{candidate.Name}'s loop is already booked; sending the {Counted.Of(missing, "calendar invitation")} not yet made again.");
        }
        SchedulingLog.Booked(logger, loopId, optionNo);
        return BotReply.Text($"Booked {candidate.Name}'s interviews; kits queued. Sending the calendar invitations: you will be told when they are sent, or which could not be.") with { Replaces = true };
    }

    /// <summary>The Retry button of a calendar failure report: the loop's invitations not yet made, and attendee changes refused, are asked for again.</summary>
    private async Task<BotReply> RetryAsync(Actor actor, JsonObject data, CancellationToken ct)
    {
        // The card-action dispatcher has already checked the actor may book this loop (Permissions).
        if (!Guid.TryParse(data["loopId"]?.ToString(), out var loopId) || await candidates.ForLoopAsync(loopId, ct) is not { } candidate)
            return BotReply.Error(LoopBookings.LoopGone);
        await using var loop = await bookings.LockAsync(loopId, actor.Email, clock.GetUtcNow(), ct);
        if (loop is null) return BotReply.Error(LoopBookings.LoopGone);
        if (loop.Snapshot.State is not (LoopState.Scheduled or LoopState.InProgress))
            return BotReply.Text($"{candidate.Name}'s loop has no booked interviews now; nothing to send again.");
        var change = LoopBookings.Repair(loop.Snapshot);
        await loop.CommitAsync(change, [], ct);
        if (change.Effects.Count > 0) signal.Notify();
        string[] again =
        [
            .. change.Of<LoopEffect.CalendarCreate>().Count is var missing and > 0 ? [$"the {Counted.Of(missing, "calendar invitation")} not yet made"] : Array.Empty<string>(),
            .. change.Of<LoopEffect.CalendarUpdate>().Count is var refused and > 0 ? [$"the {Counted.Of(refused, "attendee change")} the calendar refused"] : Array.Empty<string>(),
        ];
        return BotReply.Text(again.Length == 0 ? $"Every calendar invitation of {candidate.Name}'s loop is made and lists its panel; nothing to send again."
            : $"Sending {string.Join(" and ", again)} for {candidate.Name}'s loop again: you will be told when they are sent, or which could not be.");
    }

    /// <summary>The booking's kits and confirmation, rendered for each reader's zone.</summary>
    private static async Task<IReadOnlyList<OutboxMessage>> MessagesAsync(LockedLoop loop, Core.Roles.Role role, CandidateLoop candidate, LoopChange change,
        CancellationToken ct)
    {
        var kits = change.Of<LoopEffect.KitQueued>();
        var confirmation = change.Of<LoopEffect.ConfirmationQueued>().Single();
        var panel = confirmation.Option.Rounds.SelectMany(r => r.Panelists.Concat(r.Shadows));
        var people = await loop.PeopleAsync([.. panel, confirmation.Recruiter], ct);
        var now = loop.Snapshot.Now;
        return
        [
            .. kits.Select(k => BookingMessages.Kit(role, candidate, k.InterviewId, k.RoundId, k.Start, k.End, people[k.Panelist], now)),
            BookingMessages.Confirmation(role, candidate, confirmation.Option, confirmation.OptionNo, confirmation.Recruiter, people[confirmation.Recruiter], people),
        ];
    }
}
