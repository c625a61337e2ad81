using Quartz;

namespace HireBot.Scheduling;

/// <summary>
/// Runs <see cref="DeclineWatcher"/> every few minutes (Scheduling__DeclinePollMinutes). Never
/// two at once, and in a cluster only one node fires each trigger, so a decline is proposed once.
/// </summary>
[DisallowConcurrentExecution]
public sealed class DeclineWatchJob(DeclineWatcher watcher) : IJob
{
    public static readonly JobKey Key = new("decline-watch", "scheduling");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await watcher.RunOnceAsync(cancellationToken);
}
