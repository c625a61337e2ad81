using HireBot.Core.Text;
using System.Globalization;
using System.Text.Json.Nodes;
using HireBot.Cards;
using HireBot.Core.Loops;
using HireBot.Hiring;
using HireBot.Outbox;
using HireBot.Scorecards;
using HireBot.Scheduling;
using Npgsql;
using Quartz;

namespace HireBot.Decisions;

/// <summary>
/// <c>summary &lt;candidate&gt;</c> and <c>decide &lt;candidate&gt; hire|no-hire &lt;reason&gt;</c>. The
/// <see cref="CommandHandler"/> already limits both to the role's recruiters and hiring managers
/// and refuses both to anyone who still owes a scorecard on the candidate (Core's Permissions): a
/// recruiter on the panel submits first, and seeing others' feedback is recorded so a later
/// amendment is flagged as possibly anchored.
/// </summary>
public sealed class DecisionCommands(
    HireBot.Organisations.OrgDb db, DigestPoster digests, ISchedulerFactory schedulers, OutboxSignal signal, TimeProvider clock,
    ILogger<DecisionCommands> logger) : ICommandFeature
{
    public IReadOnlyList<string> Commands => ["summary", "decide"];

    public async Task<BotReply> HandleAsync(CommandContext context, CancellationToken cancellationToken) => context.Command.Name switch
    {
        "summary" => await SummaryAsync(context, cancellationToken),
        "decide" => await DecideAsync(context, cancellationToken),
        _ => BotReply.Error($"`{context.Command.Name}` is not a decision command."),
    };

    private async Task<BotReply> SummaryAsync(CommandContext c, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var loop = await LoopFeedbackStore.LoadAsync(conn, null, c.Candidate!.LoopId, lockLoop: false, ct);
        if (loop is null) return BotReply.Error("That loop no longer exists.");
        var (assessment, data) = digests.Build(loop, c.Role!, markIncomplete: false, await digests.HistoryAsync(conn, null, loop.LoopId, ct));
        await digests.AttachChartAsync(conn, null, loop.LoopId, c.Role!, assessment, data, ct);
        if (loop.IsScoringPanelist(c.Actor.Email))
            await ScorecardStore.RecordViewAsync(conn, null, loop.LoopId, c.Actor.Email, clock.GetUtcNow(), ct);
        await Privacy.AuditStore.RecordAsync(conn, null, c.Candidate.CandidateId, loop.LoopId, Privacy.AuditStore.ViewedDigest, c.Actor.Email, clock.GetUtcNow(), ct);
        return new BotReply(DigestCard.Kind, data);
    }

    private async Task<BotReply> DecideAsync(CommandContext c, CancellationToken ct)
    {
        var typed = c.Command.Required("decision").Trim().ToLowerInvariant();
        var label = typed switch { "hire" => "Hire", "no-hire" or "nohire" or "no_hire" => "No hire", _ => null };
        if (label is null) return BotReply.Error("Decide `hire` or `no-hire`, then the reason: `decide <candidate> hire <reason>`.");
        var reason = c.Command.Required("reason").Trim();
        if (reason.Length > Core.InputLimits.DecisionReasonChars)
            return BotReply.Error(Core.InputLimits.TooLong("The reason", reason.Length, Core.InputLimits.DecisionReasonChars) + " Summarise it; the digest keeps the detail.");
        var role = c.Role!;

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var loop = await LoopFeedbackStore.LoadAsync(conn, tx, c.Candidate!.LoopId, lockLoop: true, ct);
        if (loop is null) return BotReply.Error("That loop no longer exists.");
        var moved = LoopStateMachine.Apply(loop.State, LoopEvent.Decided);
        if (!moved.IsOk)
            return BotReply.Error(loop.State == LoopState.Decided && c.Candidate.Decision is { } earlier
                ? $"{loop.CandidateName}'s loop is already decided ({earlier}). Open a new loop with `loop create` to assess again."
                : moved.Error!);

        var now = clock.GetUtcNow();
        await LoopFeedbackStore.DecideAsync(conn, tx, loop.LoopId, moved.Value, label, reason, c.Actor.Email, now, ct);
        // The rounds still booked are no longer needed: cancelled with the decision, their calendar invitations withdrawn (outbox rows).
        var cancelled = LoopBookings.CancelBooked(await BookingStore.BookedAsync(conn, tx, loop.LoopId, ct), null, LoopBookings.DecisionComment);
        await LoopEffectStore.WriteAsync(conn, tx, loop.LoopId, cancelled, [], now, ct);
        var rounds = cancelled.OfType<LoopEffect.InterviewCancelled>().Count();
        var (assessment, _) = digests.Build(loop, role, markIncomplete: false, await digests.HistoryAsync(conn, tx, loop.LoopId, ct));
        var data = new JsonObject
        {
            ["decision"] = label,
            ["candidate"] = loop.CandidateName,
            ["role"] = role.Template.Title,
            ["decidedBy"] = c.Actor.DisplayName,
            ["decidedAt"] = now.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
            ["rationale"] = reason,
            ["digestSummary"] = DigestCard.OneLine(assessment),
        };
        // The decision goes out with the state change.
        await OutboxStore.EnqueueAsync(conn, tx, DigestPoster.Messages($"decision:{loop.LoopId}", role, data, loop.LoopId, CardNames.Decision), ct);
        await Ats.AtsExport.EnqueueDecisionAsync(conn, tx, loop.LoopId, ct);
        var scheduler = await schedulers.GetScheduler(ct);
        // The deadline digest and the cancelled rounds' triggers are dropped in the same transaction (Quartz "Joining an existing transaction").
        using (scheduler.EnlistTransaction(tx))
        {
            await DigestJobs.CancelDeadlineAsync(scheduler, loop.LoopId, ct);
            await LoopEffectStore.WriteTriggersAsync(scheduler, cancelled, now, ct);
            await tx.CommitAsync(ct);
        }
        DecisionsLog.Decided(logger, loop.LoopId);
        signal.Notify();
        var where = role.HiringChannel is null ? "the role's recruiters" : "the hiring channel";
        var cancelledRounds = rounds == 0 ? "" : $" {Counted.Of(rounds, "booked round")} {(rounds == 1 ? "was" : "were")} cancelled" +
            " and the calendar invitations are being withdrawn.";
        return BotReply.Text($"Recorded: {label} for {loop.CandidateName}. The loop is closed and the decision is on its way to {where} (if it cannot be delivered, you will be told).{cancelledRounds}");
    }
}
