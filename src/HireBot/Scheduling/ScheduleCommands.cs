using HireBot.Core.Text;
using HireBot.Core;
using HireBot.Core.Loops;
using HireBot.Hiring;
using Microsoft.Extensions.Options;

namespace HireBot.Scheduling;

/// <summary>
/// <c>schedule</c>, <c>reschedule</c> and <c>cancel</c>. Schedule proposes options (the loop
/// moves to Scheduling); reschedule first cancels the rounds still ahead, keeps those already
/// held, then proposes again; cancel cancels every booked round and withdraws the loop.
/// </summary>
public sealed class ScheduleCommands(SchedulePlanner planner, SchedulingStore store, BookingStore bookings,
    Outbox.OutboxSignal signal, TimeProvider clock, IOptions<SchedulingOptions> options, ILogger<ScheduleCommands> logger) : ICommandFeature
{
    public IReadOnlyList<string> Commands => ["schedule", "reschedule", "cancel"];

    /// <summary>
    /// A calendar that refused (permissions, a mailbox that does not exist) is answered with the
    /// cause; one that did not answer is thrown to the worker running the command, which tries again.
    /// </summary>
    public async Task<BotReply> HandleAsync(CommandContext c, CancellationToken ct)
    {
        try
        {
            return c.Command.Name switch
            {
                "schedule" => await ProposeAsync(c, prefix: "", ct),
                "reschedule" => await RescheduleAsync(c, ct),
                "cancel" => await WithdrawAsync(c, ct),
                _ => BotReply.Error($"`{c.Command.Name}` is not a scheduling command."),
            };
        }
        catch (Calendar.CalendarException e) when (!e.IsTransient)
        {
            SchedulingLog.CalendarRefused(logger, c.Command.Name, e.Failure);
            return BotReply.Error($"Sorry, `{c.Command.Name}` could not finish: {Inbox.CommandFailure.Describe(e)}. Trying again will not help until that is fixed.");
        }
    }

    private async Task<BotReply> ProposeAsync(CommandContext c, string prefix, CancellationToken ct)
    {
        var candidate = c.Candidate!;
        var role = c.Role!;
        // Checked again under the row lock when the options are stored; this spares the calendar reads.
        var allowed = LoopStateMachine.Apply(candidate.State, LoopEvent.ScheduleRequested);
        if (!allowed.IsOk) return BotReply.Error(prefix + allowed.Error);

        var known = await store.KnownPeopleAsync([c.Actor.Email, candidate.Email], ct);
        var reader = known.GetValueOrDefault(c.Actor.Email) ?? PersonRow.Default(c.Actor.Email);
        // The candidate's zone when we know it, else the recruiter's: the working day they share.
        var candidatePerson = known.GetValueOrDefault(candidate.Email) ?? PersonRow.Default(candidate.Email) with { TimeZoneId = reader.TimeZoneId };
        var window = SearchWindow.Resolve(c.Command["between"], c.Command["and"], candidatePerson.Zone, clock.GetUtcNow(), options.Value.DefaultBusinessDays);
        if (!window.IsOk) return BotReply.Error(prefix + window.Error);

        var kept = await store.KeptRoundsAsync(candidate.LoopId, ct);
        var plan = await planner.PlanAsync(role, candidate, candidatePerson, window.Value, kept, ct);
        if (!plan.Result.IsFeasible)
        {
            SchedulingLog.Infeasible(logger, candidate.LoopId, plan.Result.Blockers.Count);
            return plan.Result.Blockers.Count == 0
                ? BotReply.Error(prefix + $"Every round of {candidate.Name}'s loop is already booked or comes after the others pass; nothing to schedule.")
                : ScheduleCards.Infeasible(candidate, plan, prefix);
        }
        var numbers = await store.ProposeAsync(candidate.LoopId, plan.Result.Options, clock.GetUtcNow(), ct);
        if (!numbers.IsOk) return BotReply.Error(prefix + numbers.Error);
        SchedulingLog.Proposed(logger, candidate.LoopId, numbers.Value!.Count);
        var panel = await store.PeopleAsync(plan.Result.Options.SelectMany(o => o.Rounds).SelectMany(r => r.Panelists.Concat(r.Shadows)), ct);
        var reply = ScheduleCards.Options(candidate, role, plan, numbers.Value, reader, panel);
        reply.Data["text"] = prefix + reply.Summary;
        return reply;
    }

    private async Task<BotReply> RescheduleAsync(CommandContext c, CancellationToken ct)
    {
        var candidate = c.Candidate!;
        var cancelled = await CancelAsync(c, LoopBookings.Reschedule, ct);
        if (!cancelled.IsOk) return BotReply.Error(cancelled.Error!);
        // Already being scheduled (a run of this command that failed after cancelling, tried again): propose.
        var prefix = cancelled.Value!.Repeated ? ""
            : $"Cancelled {Counted.Of(Cancelled(cancelled.Value), "upcoming interview")} (their calendar invitations are being withdrawn). ";
        return await ProposeAsync(c with { Candidate = candidate with { State = LoopState.Scheduling } }, prefix, ct);
    }

    private async Task<BotReply> WithdrawAsync(CommandContext c, CancellationToken ct)
    {
        var candidate = c.Candidate!;
        var cancelled = await CancelAsync(c, LoopBookings.Withdraw, ct);
        if (!cancelled.IsOk) return BotReply.Error(cancelled.Error!);
        var count = Cancelled(cancelled.Value!);
        return BotReply.Text($"Cancelled {Counted.Of(count, "interview")} and withdrew {candidate.Name}'s loop." +
                             (count > 0 ? " Their calendar invitations are being withdrawn; if one cannot be, you will be told." : ""));
    }

    /// <summary>Locks the loop, lets <paramref name="decide"/> say what to cancel, and writes it (rows, calendar outbox rows, triggers) in one transaction.</summary>
    private async Task<Outcome<LoopChange>> CancelAsync(CommandContext c, Func<LoopSnapshot, Outcome<LoopChange>> decide, CancellationToken ct)
    {
        var loopId = c.Candidate!.LoopId;
        await using var loop = await bookings.LockAsync(loopId, c.Actor.Email, clock.GetUtcNow(), ct);
        if (loop is null) return Outcome<LoopChange>.Fail(LoopBookings.LoopGone);
        var change = decide(loop.Snapshot);
        if (!change.IsOk) return change;
        await loop.CommitAsync(change.Value!, [], ct);
        if (change.Value!.Repeated) return change;
        var count = Cancelled(change.Value);
        SchedulingLog.Cancelled(logger, loopId, count);
        signal.Notify();
        return change;
    }

    private static int Cancelled(LoopChange change) => change.Of<LoopEffect.InterviewCancelled>().Count;
}
