using Quartz;

namespace HireBot.Jobs;

/// <summary>
/// The Quartz triggers that follow a booked interview. The job key names the interview, so
/// booking twice replaces rather than duplicates, and cancelling removes them.
/// </summary>
public static class InterviewJobs
{
    public static JobKey EndedKey(Guid interviewId) => new($"interview-ended-{interviewId}", "interviews");

    /// <summary>Fires <see cref="InterviewEndedJob"/> when the interview ends (catch-up once after downtime).</summary>
    public static async Task ScheduleAsync(IScheduler scheduler, Guid interviewId, DateTimeOffset endsAt, CancellationToken ct)
    {
        var job = JobBuilder.Create<InterviewEndedJob>()
            .WithIdentity(EndedKey(interviewId))
            .UsingJobData(InterviewEndedJob.InterviewIdKey, interviewId.ToString())
            .RequestRecovery()
            .Build();
        var trigger = TriggerBuilder.Create()
            .WithIdentity($"interview-ended-{interviewId}", "interviews")
            .StartAt(endsAt)
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        await scheduler.ScheduleJob(job, [trigger], new ScheduleJobOptions { Replace = true }, ct);
    }

    public static async Task CancelAsync(IScheduler scheduler, Guid interviewId, CancellationToken ct) =>
        await scheduler.DeleteJob(EndedKey(interviewId), ct);
}
