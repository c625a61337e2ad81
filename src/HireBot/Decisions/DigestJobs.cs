using Quartz;

namespace HireBot.Decisions;

/// <summary>The Quartz trigger of a loop's deadline digest; the key names the loop, so setting it again replaces it.</summary>
public static class DigestJobs
{
    public static JobKey DeadlineKey(Guid loopId) => new($"digest-deadline-{loopId}", "digests");

    /// <summary>Fires <see cref="DigestDeadlineJob"/> at the deadline (once, at once after downtime).</summary>
    public static async Task ScheduleDeadlineAsync(IScheduler scheduler, Guid loopId, DateTimeOffset at, CancellationToken ct)
    {
        var job = JobBuilder.Create<DigestDeadlineJob>()
            .WithIdentity(DeadlineKey(loopId))
            .UsingJobData(DigestDeadlineJob.LoopIdKey, loopId.ToString())
            .UsingJobData(Organisations.OrgScope.JobDataKey, Organisations.OrgScope.Required.ToString()) // run in the organisation that booked it
            .RequestRecovery()
            .Build();
        var trigger = TriggerBuilder.Create()
            .WithIdentity($"digest-deadline-{loopId}", "digests")
            .StartAt(at)
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        await scheduler.ScheduleJob(job, [trigger], new ScheduleJobOptions { Replace = true }, ct);
    }

    public static async Task CancelDeadlineAsync(IScheduler scheduler, Guid loopId, CancellationToken ct) =>
        await scheduler.DeleteJob(DeadlineKey(loopId), ct);
}
