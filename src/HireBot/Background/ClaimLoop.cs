namespace HireBot.Background;

/// <summary>
/// The loop shared by the outbox dispatcher and the inbox worker: run a pass over claimed rows;
/// when it found less than a full batch, sleep until woken by <paramref name="signal"/> or the
/// poll interval; when the database is away (or a pass fails any other way), log it and try again
/// a second later. On shutdown no
/// new row is started (<see cref="Stopping"/>), while rows already under way may finish for a
/// grace period (<see cref="Working"/>): cutting a send off mid-call is how duplicates happen.
/// </summary>
public abstract partial class ClaimLoop(WakeSignal signal, ILogger logger) : BackgroundService
{
    private static readonly TimeSpan DrainGrace = TimeSpan.FromSeconds(10);

    /// <summary>Cancelled when shutdown begins: start nothing new.</summary>
    protected CancellationToken Stopping { get; private set; }

    /// <summary>Cancelled <see cref="DrainGrace"/> after shutdown begins: for work already under way.</summary>
    protected CancellationToken Working { get; private set; }

    /// <summary>Rows a full pass claims; a pass that claims fewer means the loop may sleep.</summary>
    protected abstract int BatchSize { get; }

    protected abstract TimeSpan PollInterval { get; }

    /// <summary>When the loop last went round (<see cref="Environment.TickCount64"/>), for readiness: 0 before it started.</summary>
    public long LastTurn { get; private set; }

    /// <summary>Whether the loop is running and went round recently (a pass, an outage retry or a wake-up all count).</summary>
    public bool IsAlive(TimeSpan within) =>
        ExecuteTask is { IsCompleted: false } && LastTurn > 0 && Environment.TickCount64 - LastTurn < within.TotalMilliseconds;

    /// <summary>One pass; returns how many rows it claimed.</summary>
    protected abstract Task<int> RunOnceAsync(CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var drain = new CancellationTokenSource();
        using var onStop = stoppingToken.Register(() => drain.CancelAfter(DrainGrace));
        (Stopping, Working) = (stoppingToken, drain.Token);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                LastTurn = Environment.TickCount64;
                int claimed;
                try
                {
                    claimed = await RunOnceAsync(stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    // Usually the database being away; anything else must not stop the loop (and the host) either.
                    if (Storage.DatabaseUnavailableMiddleware.IsUnavailable(e) || e is Npgsql.NpgsqlException or TimeoutException)
                        LogStoreUnavailable(logger, GetType().Name, e.GetType().Name);
                    else
                        LogPassFailed(logger, GetType().Name, e.GetType().Name);
                    claimed = 0;
                    await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
                }
                if (claimed < BatchSize)
                    await signal.WaitAsync(PollInterval, stoppingToken);
            }
        }
        finally
        {
            await DrainAsync();
        }
    }

    /// <summary>Runs once the loop has stopped claiming, while <see cref="Working"/> still counts down the grace: for rows still under way.</summary>
    protected virtual Task DrainAsync() => Task.CompletedTask;

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "{Loop}: store unavailable ({Error}); retrying")]
    private static partial void LogStoreUnavailable(ILogger logger, string loop, string error);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Error, Message = "{Loop}: a pass failed ({Error}); trying again")]
    private static partial void LogPassFailed(ILogger logger, string loop, string error);
}
