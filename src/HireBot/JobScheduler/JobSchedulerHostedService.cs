using Quartz;

namespace HireBot.JobScheduler;

/// <summary>
/// Starts the Quartz scheduler with the host and shuts it down with it, letting running jobs
/// finish, but never for longer than the host's shutdown timeout: with the database gone, Quartz's
/// own shutdown retries its job store for ever, and a bot asked to stop must stop.
/// </summary>
public sealed partial class JobSchedulerHostedService(ISchedulerFactory schedulers, ILogger<JobSchedulerHostedService> logger) : IHostedService
{
    private IScheduler? _scheduler;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _scheduler = await schedulers.GetScheduler(cancellationToken);
        await _scheduler.Start(cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_scheduler is null) return;
        var shutdown = _scheduler.Shutdown(waitForJobsToComplete: true, CancellationToken.None).AsTask();
        try
        {
            await shutdown.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            LogAbandoned(logger);
        }
    }

    [LoggerMessage(EventId = 3201, Level = LogLevel.Warning, Message = "The job scheduler did not stop within the shutdown timeout (is the database reachable?); stopping without it")]
    private static partial void LogAbandoned(ILogger logger);
}
