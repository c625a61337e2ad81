using Quartz;

namespace HireBot.Decisions;

/// <summary>The Quartz trigger of a loop's deadline digest; the key names the loop, so setting it again replaces it.</summary>
public static class DigestJobs
{
    public static JobKey DeadlineKey(Guid loopId) => new($"digest-deadline-{loopId}", "digests");

    /// <summary>Fires <see cref="DigestDeadlineJob"/> at the deadline (once, at once after downtime).</summary>
    public static Task ScheduleDeadlineAsync(IScheduler scheduler, Guid loopId, DateTimeOffset at, CancellationToken ct) =>
        JobScheduler.OneShotJob.ScheduleAsync<DigestDeadlineJob>(scheduler, DeadlineKey(loopId), DigestDeadlineJob.LoopIdKey, loopId, at, recover: true, ct);

    public static async Task CancelDeadlineAsync(IScheduler scheduler, Guid loopId, CancellationToken ct) =>
        await scheduler.DeleteJob(DeadlineKey(loopId), ct);
}
