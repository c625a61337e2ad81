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
            await JobScheduler.OneShotJob.ScheduleAsync<InterviewStartedJob>(scheduler, StartedKey(interviewId), InterviewEndedJob.InterviewIdKey, interviewId, startsAt, recover: false, ct);
        await ScheduleAsync(scheduler, interviewId, endsAt, ct);
    }

    /// <summary>Fires <see cref="InterviewEndedJob"/> when the interview ends (catch-up once after downtime).</summary>
    public static Task ScheduleAsync(IScheduler scheduler, Guid interviewId, DateTimeOffset endsAt, CancellationToken ct) =>
        JobScheduler.OneShotJob.ScheduleAsync<InterviewEndedJob>(scheduler, EndedKey(interviewId), InterviewEndedJob.InterviewIdKey, interviewId, endsAt, recover: true, ct);

    public static async Task CancelAsync(IScheduler scheduler, Guid interviewId, CancellationToken ct)
    {
        await scheduler.DeleteJob(StartedKey(interviewId), ct);
        await scheduler.DeleteJob(EndedKey(interviewId), ct);
    }
}
