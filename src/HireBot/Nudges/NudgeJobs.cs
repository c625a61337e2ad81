using Quartz;

namespace HireBot.Nudges;

/// <summary>
/// The Quartz side of nudges: one job per (interview, panelist), one trigger per planned event
/// (each reminder, the recruiter and the manager escalation). The job key names the pair, so
/// planning twice replaces instead of duplicating, a snooze reschedules in place, and a submitted
/// scorecard deletes everything pending. A trigger that misfired during downtime fires once on
/// recovery; <see cref="NudgeJob"/> then sends only the latest reminder due, so a node that was
/// down for two days produces one catch-up reminder, not a burst.
/// </summary>
public static class NudgeJobs
{
    public const string Group = "nudges";
    public const string InterviewIdKey = "interviewId";
    public const string EmailKey = "email";
    public const string EventKey = "event";

    public static JobKey Key(Guid interviewId, string email) => new($"nudge-{interviewId}-{email}", Group);

    /// <summary>Replaces the pair's triggers with <paramref name="events"/> (past ones fire at once; the job sends only the latest due).</summary>
    public static async Task ScheduleAsync(IScheduler scheduler, Guid interviewId, string email, IEnumerable<NudgeEvent> events, CancellationToken ct)
    {
        var key = Key(interviewId, email);
        var job = JobBuilder.Create<NudgeJob>()
            .WithIdentity(key)
            .UsingJobData(InterviewIdKey, interviewId.ToString())
            .UsingJobData(EmailKey, email)
            .RequestRecovery()
            .Build();
        // A past event starts now: Quartz would otherwise leave it to the misfire scan (up to a minute later).
        var now = DateTimeOffset.UtcNow;
        var triggers = events.Select(e => TriggerBuilder.Create()
                .WithIdentity($"{key.Name}-{e.Name}", Group)
                .ForJob(key)
                .UsingJobData(EventKey, e.Name)
                .StartAt(e.At > now ? e.At : now)
                .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
                .Build())
            .ToList();
        await scheduler.DeleteJob(key, ct);
        if (triggers.Count > 0) await scheduler.ScheduleJob(job, triggers, new ScheduleJobOptions { Replace = true }, ct);
    }

    /// <summary>Removes everything pending for the pair; the scorecard flow calls this on submit.</summary>
    public static async Task CancelAsync(IScheduler scheduler, Guid interviewId, string email, CancellationToken ct) =>
        await scheduler.DeleteJob(Key(interviewId, email), ct);
}
