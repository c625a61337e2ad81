using HireBot.Core.Loops;
using Npgsql;
using Quartz;

namespace HireBot.Hiring;

/// <summary>
/// Runs when an interview ends: marks it completed and, when it was the loop's last booked
/// round, moves the loop to awaiting feedback. Every write is conditional on the current
/// status, so a second firing (recovery after a crash, two nodes) changes nothing.
/// Follow-ups that hang off the end of an interview (scorecard requests, reminders) are added
/// by <see cref="IInterviewEndedStep"/> implementations inside the same transaction.
/// </summary>
[DisallowConcurrentExecution]
public sealed class InterviewEndedJob(HireBot.Organisations.OrgDb db, IEnumerable<IInterviewEndedStep> steps, ISchedulerFactory schedulers, TimeProvider clock) : IJob
{
    public const string InterviewIdKey = "interviewId";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            await EndAsync(context, cancellationToken);
        }
        catch (NpgsqlException e) when (e.IsTransient || e.SqlState is "40P01" or "40001")
        {
            // A one-shot trigger would lose this work for good: fire again (a failover, a deadlock victim).
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken); // not a hot loop while the database is away
            throw new JobExecutionException(e) { RefireImmediately = true };
        }
    }

    private async Task EndAsync(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var interviewId = Guid.Parse(context.MergedJobDataMap.GetString(InterviewIdKey)!);
        using var org = Organisations.OrgScope.Enter(Organisations.OrgScope.FromJobData(context.MergedJobDataMap));
        await using var conn = await db.OpenConnectionAsync(cancellationToken);
        await using var tx = await conn.BeginTransactionAsync(cancellationToken);
        // Lock the loop first, as cancel and decide do, so the two can never deadlock; interviews of
        // one loop that end together then take turns, and the last sees every other one completed.
        Guid loopId;
        await using (var lockLoop = new NpgsqlCommand(
            "SELECT l.id, l.state FROM loops l JOIN interviews i ON i.loop_id = l.id WHERE i.id = $1 FOR UPDATE OF l", conn, tx))
        {
            lockLoop.Parameters.Add(new() { Value = interviewId });
            await using var reader = await lockLoop.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken)) return;
            loopId = reader.GetGuid(0);
            // A loop decided or withdrawn meanwhile wants no scorecards and no reminders for this round.
            if (reader.GetString(1) is nameof(LoopState.Decided) or nameof(LoopState.Withdrawn)) return;
        }
        await using (var cmd = new NpgsqlCommand(
            "UPDATE interviews SET status = 'Completed' WHERE id = $1 AND status = 'Scheduled'", conn, tx))
        {
            cmd.Parameters.Add(new() { Value = interviewId });
            if (await cmd.ExecuteNonQueryAsync(cancellationToken) == 0) return; // cancelled, or already handled
        }
        await using (var cmd = new NpgsqlCommand(
            """
            UPDATE loops SET state = $2, updated_at = $3
            WHERE id = $1 AND state IN ('Scheduled', 'InProgress')
              AND NOT EXISTS (SELECT 1 FROM interviews WHERE loop_id = $1 AND status = 'Scheduled')
            """, conn, tx))
        {
            cmd.Parameters.Add(new() { Value = loopId });
            cmd.Parameters.Add(new() { Value = nameof(LoopState.AwaitingFeedback) });
            cmd.Parameters.Add(new() { Value = clock.GetUtcNow() });
            await cmd.ExecuteNonQueryAsync(cancellationToken);
        }
        // Every trigger the steps set (deadline digest, reminders) is written in this transaction,
        // so the follow-ups exist exactly when the interview is marked completed.
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        using (scheduler.EnlistTransaction(tx))
        {
            foreach (var step in steps) await step.RunAsync(conn, tx, interviewId, loopId, cancellationToken);
        }
        await tx.CommitAsync(cancellationToken);
    }
}
