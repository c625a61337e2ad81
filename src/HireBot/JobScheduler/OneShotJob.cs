using Quartz;

namespace HireBot.JobScheduler;

/// <summary>
/// A job that fires once at a given time, in the organisation in scope, under a key that names
/// what it is for: scheduling it again replaces it, and a time missed while the bot was down fires
/// at once when it is back.
/// </summary>
public static class OneShotJob
{
    /// <param name="recover">Run again after a crash mid-run (Quartz's request recovery).</param>
    public static async Task ScheduleAsync<TJob>(IScheduler scheduler, JobKey key, string dataKey, Guid id, DateTimeOffset at, bool recover, CancellationToken ct)
        where TJob : IJob
    {
        var job = JobBuilder.Create<TJob>()
            .WithIdentity(key)
            .UsingJobData(dataKey, id.ToString())
            .UsingJobData(Organisations.OrgScope.JobDataKey, Organisations.OrgScope.Required.ToString()) // run in the organisation that set it
            .RequestRecovery(recover)
            .Build();
        var trigger = TriggerBuilder.Create()
            .WithIdentity(key.Name, key.Group)
            .StartAt(at)
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        await scheduler.ScheduleJob(job, [trigger], new ScheduleJobOptions { Replace = true }, ct);
    }
}
