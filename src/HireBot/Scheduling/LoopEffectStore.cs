using HireBot.Core.Loops;
using HireBot.Hiring;
using HireBot.Outbox;
using Npgsql;
using Quartz;
using static HireBot.Core.Loops.LoopEffect;

namespace HireBot.Scheduling;

/// <summary>
/// Writes the effects of a <see cref="LoopChange"/> in the caller's transaction: interview and
/// panel rows, withdrawn kits, the audit, outbox rows (the feature's rendered messages first, then
/// the calendar changes) and, enlisted in the same transaction, the interviews' Quartz triggers.
/// Kits and confirmations are rendered by the feature (they need the rubric and people's zones).
/// </summary>
public static class LoopEffectStore
{
    public static async Task WriteAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid loopId, IReadOnlyList<LoopEffect> effects,
        IReadOnlyList<OutboxMessage> messages, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var effect in effects)
        {
            switch (effect)
            {
                case InterviewBooked b: await InsertAsync(conn, tx, b.InterviewId, loopId, b.Round, ct); break;
                case PanelistReplaced r: await ReplaceAsync(conn, tx, r, ct); break;
                case KitWithdrawn k:
                    await OutboxStore.WithdrawAsync(conn, tx, [OutboxStore.Exactly(BookingMessages.KitKey(k.InterviewId, k.Panelist))], "the panelist was replaced", ct);
                    break;
                case Audited a: await Privacy.AuditStore.RecordForLoopAsync(conn, tx, loopId, a.Action, a.Actor, now, ct); break;
            }
        }
        var cancelled = effects.OfType<InterviewCancelled>().Select(c => c.InterviewId).ToArray();
        if (cancelled.Length > 0) await CancelAsync(conn, tx, cancelled, ct);
        await OutboxStore.EnqueueAsync(conn, tx, [.. messages, .. CalendarEffects.Rows(effects, loopId)], ct);
    }

    /// <summary>Sets and removes triggers; call inside <c>scheduler.EnlistTransaction(tx)</c>, before the commit.</summary>
    public static async Task WriteTriggersAsync(IScheduler scheduler, IReadOnlyList<LoopEffect> effects, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var effect in effects)
        {
            if (effect is TriggersScheduled s) await InterviewJobs.ScheduleAsync(scheduler, s.InterviewId, s.Start, s.End, now, ct);
            else if (effect is TriggersRemoved r) await InterviewJobs.CancelAsync(scheduler, r.InterviewId, ct);
        }
    }

    private static async Task InsertAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid id, Guid loopId, Core.Scheduling.ScheduledRound round, CancellationToken ct)
    {
        await using (var cmd = new NpgsqlCommand(
            "INSERT INTO interviews (id, loop_id, round_id, starts_at, ends_at, status) VALUES ($1, $2, $3, $4, $5, 'Scheduled')", conn, tx))
        {
            foreach (var v in new object[] { id, loopId, round.RoundId, round.Start.ToUniversalTime(), round.End.ToUniversalTime() })
                cmd.Parameters.Add(new() { Value = v });
            await cmd.ExecuteNonQueryAsync(ct);
        }
        foreach (var (email, shadow) in round.Panelists.Select(p => (p, false)).Concat(round.Shadows.Select(s => (s, true))))
        {
            await using var cmd = new NpgsqlCommand(
                "INSERT INTO interview_panelists (interview_id, email, is_shadow) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING", conn, tx);
            cmd.Parameters.Add(new() { Value = id });
            cmd.Parameters.Add(new() { Value = email.ToLowerInvariant() });
            cmd.Parameters.Add(new() { Value = shadow });
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>Marks the interviews cancelled and withdraws their kits not yet sent: a kit for a cancelled round must not reach the panelist.</summary>
    private static async Task CancelAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid[] interviewIds, CancellationToken ct)
    {
        await using (var cmd = new NpgsqlCommand("UPDATE interviews SET status = 'Cancelled' WHERE id = ANY($1) AND status = 'Scheduled'", conn, tx))
        {
            cmd.Parameters.Add(new() { Value = interviewIds });
            await cmd.ExecuteNonQueryAsync(ct);
        }
        await OutboxStore.WithdrawAsync(conn, tx, [.. interviewIds.Select(id => $"kit:{id}:%")], "the interview was cancelled", ct);
    }

    private static async Task ReplaceAsync(NpgsqlConnection conn, NpgsqlTransaction tx, PanelistReplaced r, CancellationToken ct)
    {
        await using var swap = new NpgsqlCommand(
            "UPDATE interview_panelists SET email = $3, response = 'none' WHERE interview_id = $1 AND lower(email) = lower($2)", conn, tx);
        swap.Parameters.Add(new() { Value = r.InterviewId });
        swap.Parameters.Add(new() { Value = r.Declined });
        swap.Parameters.Add(new() { Value = r.Proposed.ToLowerInvariant() });
        await swap.ExecuteNonQueryAsync(ct);
    }
}
