using HireBot.Outbox;
using Microsoft.Extensions.Options;
using Npgsql;
using Quartz;

namespace HireBot.Nudges;

/// <summary>
/// Fires one planned nudge event for one panelist. It only writes outbox rows, in one
/// transaction, with keys that name the reminder, so a trigger fired twice (two nodes, recovery
/// after a crash) still yields one message. It re-reads the plan at fire time: a submitted
/// scorecard or a cancelled interview stops everything, a reminder moved by a snooze is not sent
/// at its old time, and when several reminders are due at once (misfires after downtime) only
/// the latest is written.
/// </summary>
public sealed partial class NudgeJob(NpgsqlDataSource db, OutboxSignal signal, TimeProvider clock, IOptions<NudgeOptions> options, ILogger<NudgeJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var data = context.MergedJobDataMap;
        var interviewId = Guid.Parse(data.GetString(NudgeJobs.InterviewIdKey)!);
        var email = data.GetString(NudgeJobs.EmailKey)!;
        var evt = new NudgeEvent(data.GetString(NudgeJobs.EventKey)!, clock.GetUtcNow());
        // Lag from the reminder's due time to this firing; the outbox adds its own (outbox depth and age).
        if (context.ScheduledFireTimeUtc is { } scheduledFor)
            Telemetry.HireBotMetrics.ReminderLag.Record(Math.Max(0, (evt.At - scheduledFor).TotalSeconds));

        await using var conn = await db.OpenConnectionAsync(cancellationToken);
        await using var tx = await conn.BeginTransactionAsync(cancellationToken);
        var plan = await NudgeStore.LoadAsync(conn, tx, interviewId, email, cancellationToken);
        if (plan is null || plan.Done)
        {
            LogNothingToDo(logger, interviewId, evt.Name);
            if (plan is { ScorecardIn: true }) await NudgeJobs.CancelAsync(context.Scheduler, interviewId, email, cancellationToken);
            return;
        }

        var messages = new List<OutboxMessage>();
        if (evt.ReminderNumber is { } number)
        {
            var due = new Core.Nudges.NudgePlan(plan.Reminders, plan.RecruiterAt, plan.ManagerAt)
                .DueAt(evt.At + TimeSpan.FromSeconds(options.Value.DueSlackSeconds));
            if (due is null || due.Number != number)
            {
                // A later reminder is also due (it will be the one sent) or a snooze moved this one.
                LogSkipped(logger, interviewId, number, due?.Number ?? 0);
                return;
            }
            var replaces = await NudgeStore.LatestReminderKeyAsync(conn, tx, interviewId, email, cancellationToken);
            var key = NudgeMessages.ReminderKey(interviewId, email, number);
            if (replaces == key) return;
            messages.Add(NudgeMessages.Reminder(plan, key, due.Number, due.Of, replaces, options.Value.SnoozeHours));
        }
        else
        {
            messages.AddRange(NudgeMessages.Escalations(plan, evt.Name));
        }
        var added = await OutboxStore.EnqueueAsync(conn, tx, messages, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        if (added > 0) signal.Notify();
        LogWritten(logger, interviewId, evt.Name, added);
    }

    [LoggerMessage(EventId = 7001, Level = LogLevel.Debug, Message = "Nudge {Event} for interview {InterviewId}: {Added} outbox rows")]
    private static partial void LogWritten(ILogger logger, Guid interviewId, string @event, int added);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Debug, Message = "Nudge {Event} for interview {InterviewId}: scorecard in, cancelled or no plan")]
    private static partial void LogNothingToDo(ILogger logger, Guid interviewId, string @event);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Debug, Message = "Reminder {Number} for interview {InterviewId} skipped; reminder {Due} is the one due")]
    private static partial void LogSkipped(ILogger logger, Guid interviewId, int number, int due);
}
