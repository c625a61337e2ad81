using HireBot.Outbox;
using Microsoft.Extensions.Options;
using Npgsql;
using Quartz;

namespace HireBot.Nudges;

/// <summary>
/// The one clustered job that delivers reminders and escalations: every few seconds it claims the
/// due <c>nudge_events</c> in batches and turns each batch into outbox rows in one transaction.
/// Set-based on purpose: a job per panelist cost a Quartz row lock and a transaction per firing,
/// which capped delivery far below the channel's rate limit. Exactly once rests on the same two
/// things as before: events are marked done in the transaction that writes their rows, and row
/// keys name interview, panelist and reminder, so a sweep repeated after a crash adds nothing.
/// Per pair only the latest due reminder is written (after downtime: one catch-up, not a burst);
/// a submitted scorecard or a cancelled interview closes the pair's events without a message.
/// Someone the bot could not reach the last time it tried (the check <c>nudge</c> uses) is not
/// sent another reminder that would fail the same way: the recruiter already has the report, and
/// the event is closed like any other.
/// </summary>
[DisallowConcurrentExecution]
public sealed partial class ReminderSweepJob(NpgsqlDataSource db, Organisations.OrgDb orgDb, OutboxStore outbox, OutboxSignal signal, TimeProvider clock, IOptions<NudgeOptions> options, ILogger<ReminderSweepJob> logger) : IJob
{
    public static readonly JobKey Key = new("reminder-sweep", "nudge-sweep");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var size = options.Value.SweepBatchSize;
        // Each organisation with due events is swept in its own scope: its reminders are its rows.
        foreach (var org in await DueOrganisationsAsync(cancellationToken))
            using (Organisations.OrgScope.Enter(org))
                // A full batch means more may be due: keep going rather than wait for the next firing.
                while (!cancellationToken.IsCancellationRequested && await SweepBatchAsync(size, cancellationToken) >= size) { }
    }

    private async Task<List<Guid>> DueOrganisationsAsync(CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("SELECT DISTINCT org_id FROM nudge_events WHERE done_at IS NULL AND due_at <= $1");
        cmd.Parameters.Add(new() { Value = clock.GetUtcNow() });
        var orgs = new List<Guid>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) orgs.Add(reader.GetGuid(0));
        return orgs;
    }

    /// <summary>One transaction: claim, read the plans, write the rows, close the events. Returns how many events it claimed.</summary>
    private async Task<int> SweepBatchAsync(int size, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var conn = await orgDb.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var due = await NudgeEventStore.ClaimDueAsync(conn, tx, now, size, ct);
        if (due.Count == 0) return 0;
        var plans = await NudgeStore.LoadManyAsync(conn, tx, due.Select(d => (d.InterviewId, d.Email)).Distinct().ToList(), ct);
        // Read on its own connection: only delivery outcomes already committed can say someone is unreachable.
        var unreachable = await outbox.UnreachableAsync(due.Where(d => d.Event.ReminderNumber is not null).Select(d => d.Email).Distinct().ToList(), ct);

        var messages = new List<OutboxMessage>();
        var lastKeys = new List<(Guid, string, string)>();
        var lags = new List<double>();
        var skipped = 0;
        foreach (var pair in due.GroupBy(d => (d.InterviewId, d.Email)))
        {
            if (!plans.TryGetValue(pair.Key, out var plan) || plan.Done) continue;
            var reminders = pair.Where(d => d.Event.ReminderNumber is not null).ToList();
            if (reminders.Count > 0 && unreachable.ContainsKey(plan.Email))
                skipped++;
            else if (reminders.Count > 0)
            {
                var latest = reminders.MaxBy(d => d.Event.ReminderNumber)!;
                var number = latest.Event.ReminderNumber!.Value;
                var key = NudgeMessages.ReminderKey(plan.InterviewId, plan.Email, number);
                if (plan.LastReminderKey != key)
                {
                    messages.Add(NudgeMessages.Reminder(plan, key, number, Math.Max(number, plan.Reminders.Count), plan.LastReminderKey, options.Value.SnoozeHours));
                    lastKeys.Add((plan.InterviewId, plan.Email, key));
                    lags.Add(Math.Max(0, (now - latest.Event.At).TotalSeconds));
                }
            }
            foreach (var escalation in pair.Where(d => d.Event.ReminderNumber is null))
                messages.AddRange(NudgeMessages.Escalations(plan, escalation.Event.Name));
        }

        var added = await OutboxStore.EnqueueAsync(conn, tx, messages, ct);
        await NudgeStore.SetLastReminderKeysAsync(conn, tx, lastKeys, ct);
        await NudgeEventStore.MarkDoneAsync(conn, tx, due, now, ct);
        await tx.CommitAsync(ct);
        foreach (var lag in lags) Telemetry.HireBotMetrics.ReminderLag.Record(lag);
        if (added > 0) signal.Notify();
        LogSwept(logger, due.Count, plans.Count, added, skipped);
        return due.Count;
    }

    [LoggerMessage(EventId = 7001, Level = LogLevel.Debug, Message = "Reminder sweep: {Events} due events of {Pairs} pairs, {Added} outbox rows, {Unreachable} reminders skipped as unreachable")]
    private static partial void LogSwept(ILogger logger, int events, int pairs, int added, int unreachable);
}
