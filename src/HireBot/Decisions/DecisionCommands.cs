using System.Globalization;
using System.Text.Json.Nodes;
using HireBot.Cards;
using HireBot.Core.Decisions;
using HireBot.Core.Loops;
using HireBot.Core.Roles;
using HireBot.Hiring;
using HireBot.Outbox;
using HireBot.Scorecards;
using HireBot.Scheduling;
using Npgsql;
using Quartz;

namespace HireBot.Decisions;

/// <summary>
/// <c>summary &lt;candidate&gt;</c> and <c>decide &lt;candidate&gt; hire|no-hire &lt;reason&gt;</c>. The
/// <see cref="Commands.CommandDispatcher"/> already limits both to the role's recruiters and hiring managers
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
        var role = c.Role!;
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var loop = await LoopFeedbackStore.LoadAsync(conn, tx, c.Candidate!.LoopId, lockLoop: true, ct);
        if (loop is null) return BotReply.Error("That loop no longer exists.");
        var now = clock.GetUtcNow();
        var outcome = HiringDecision.Decide(new DecisionSnapshot(loop.LoopId, loop.CandidateName, loop.State, c.Candidate.Decision),
            new DecisionRequest(c.Command.Required("decision"), c.Command.Required("reason"), c.Actor.Email, c.Actor.DisplayName, now));
        if (!outcome.IsOk) return BotReply.Error(outcome.Error!);
        var made = outcome.Value!;

        IReadOnlyList<LoopEffect> cancelled = [];
        var dropDeadline = false;
        foreach (var effect in made.Effects)
        {
            switch (effect)
            {
                case LoopDecided d:
                    await LoopFeedbackStore.DecideAsync(conn, tx, d.LoopId, d.State, d.Decision, d.Reason, d.DecidedBy, d.At, ct);
                    break;
                case DecisionAnnounced a:
                    await OutboxStore.EnqueueAsync(conn, tx, DigestPoster.Messages(a.Key, role, await AnnouncementAsync(conn, tx, loop, role, a, ct), loop.LoopId, CardNames.Decision), ct);
                    break;
                case RemainingRoundsCancelled r:
                    // The cancellation use case (Core's LoopBookings): the rounds still booked, their calendar invitations
                    // withdrawn (outbox rows) and their triggers removed, with the state change.
                    cancelled = LoopBookings.CancelBooked(await BookingStore.BookedAsync(conn, tx, r.LoopId, ct), null, r.CalendarNote);
                    await LoopEffectStore.WriteAsync(conn, tx, r.LoopId, cancelled, [], now, ct);
                    break;
                case DecisionExportQueued e:
                    await Ats.AtsExport.EnqueueDecisionAsync(conn, tx, e.LoopId, ct);
                    break;
                case DeadlineDigestDropped:
                    dropDeadline = true;
                    break;
                default:
                    throw new InvalidOperationException($"No writer for the decision effect {effect.GetType().Name}.");
            }
        }
        var scheduler = await schedulers.GetScheduler(ct);
        // The deadline digest and the cancelled rounds' triggers are dropped in the same transaction (Quartz "Joining an existing transaction").
        using (scheduler.EnlistTransaction(tx))
        {
            if (dropDeadline) await DigestJobs.CancelDeadlineAsync(scheduler, loop.LoopId, ct);
            await LoopEffectStore.WriteTriggersAsync(scheduler, cancelled, now, ct);
            await tx.CommitAsync(ct);
        }
        DecisionsLog.Decided(logger, loop.LoopId);
        signal.Notify();
        var rounds = cancelled.OfType<LoopEffect.InterviewCancelled>().Count();
        return BotReply.Text(HiringDecision.Confirmation(made, loop.CandidateName, role.HiringChannel is not null, rounds));
    }

    /// <summary>The decision card's data: the decision as recorded, with the digest's one-line summary as it stands.</summary>
    private async Task<JsonObject> AnnouncementAsync(NpgsqlConnection conn, NpgsqlTransaction tx, LoopFeedback loop, Role role, DecisionAnnounced a, CancellationToken ct)
    {
        var (assessment, _) = digests.Build(loop, role, markIncomplete: false, await digests.HistoryAsync(conn, tx, loop.LoopId, ct));
        return new JsonObject
        {
            ["decision"] = a.Decision,
            ["candidate"] = a.CandidateName,
            ["role"] = role.Template.Title,
            ["decidedBy"] = a.DecidedByName,
            ["decidedAt"] = a.At.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
            ["rationale"] = a.Reason,
            ["digestSummary"] = DigestCard.OneLine(assessment),
        };
    }
}
