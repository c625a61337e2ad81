using Quartz;

namespace HireBot.Hiring;

/// <summary>
/// The Quartz triggers that follow a booked interview. The job key names the interview, so
/// booking twice replaces rather than duplicates, and cancelling removes them.
/// </summary>
public static class InterviewJobs
{
    public static JobKey EndedKey(Guid interviewId) => new($"interview-ended-{interviewId}", "interviews");

    public static JobKey StartedKey(Guid interviewId) => new($"interview-started-{interviewId}", "interviews");

    /// <summary>
    /// Fires <see cref="InterviewStartedJob"/> at the start (a start already past is skipped: the
    /// loop is then moved on by the end) and <see cref="InterviewEndedJob"/> at the end.
    /// </summary>
    public static async Task ScheduleAsync(IScheduler scheduler, Guid interviewId, DateTimeOffset startsAt, DateTimeOffset endsAt, DateTimeOffset now, CancellationToken ct)
    {
        if (startsAt > now)
        {
            var job = JobBuilder.Create<InterviewStartedJob>()
                .WithIdentity(StartedKey(interviewId))
                .UsingJobData(InterviewEndedJob.InterviewIdKey, interviewId.ToString())
                .UsingJobData(Organisations.OrgScope.JobDataKey, Organisations.OrgScope.Required.ToString()) // run in the organisation that booked it
                .Build();
            var trigger = TriggerBuilder.Create()
                .WithIdentity($"interview-started-{interviewId}", "interviews")
                .StartAt(startsAt)
                .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
                .Build();
            await scheduler.ScheduleJob(job, [trigger], new ScheduleJobOptions { Replace = true }, ct);
        }
        await ScheduleAsync(scheduler, interviewId, endsAt, ct);
    }

    /// <summary>Fires <see cref="InterviewEndedJob"/> when the interview ends (catch-up once after downtime).</summary>
    public static async Task ScheduleAsync(IScheduler scheduler, Guid interviewId, DateTimeOffset endsAt, CancellationToken ct)
    {
        var job = JobBuilder.Create<InterviewEndedJob>()
            .WithIdentity(EndedKey(interviewId))
            .UsingJobData(InterviewEndedJob.InterviewIdKey, interviewId.ToString())
            .UsingJobData(Organisations.OrgScope.JobDataKey, Organisations.OrgScope.Required.ToString()) // run in the organisation that booked it
            .RequestRecovery()
            .Build();
        var trigger = TriggerBuilder.Create()
            .WithIdentity($"interview-ended-{interviewId}", "interviews")
            .StartAt(endsAt)
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        await scheduler.ScheduleJob(job, [trigger], new ScheduleJobOptions { Replace = true }, ct);
    }

    public static async Task CancelAsync(IScheduler scheduler, Guid interviewId, CancellationToken ct)
    {
        await scheduler.DeleteJob(StartedKey(interviewId), ct);
        await scheduler.DeleteJob(EndedKey(interviewId), ct);
    }
}
