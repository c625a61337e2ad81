using HireBot.Outbox;
using HireBot.Storage;
using Microsoft.Extensions.Options;

namespace HireBot.Inbox;

/// <summary>
/// Processes accepted requests: claims a batch, runs each row through the handler for its source
/// (the claim takes only the oldest unfinished row of each group, so a conversation's messages
/// run one at a time and in order, across instances too), writes each row's reply to the outbox
/// in the transaction that marks it done, and retries failures with backoff until the attempt
/// cap, when the handler's apology is written as the row is marked failed.
/// </summary>
public sealed partial class InboxWorker(
    InboxStore store,
    IEnumerable<IInboxHandler> handlers,
    InboxSignal signal,
    OutboxSignal outboxSignal,
    IOptions<InboxOptions> options,
    TimeProvider clock,
    ILogger<InboxWorker> logger) : ClaimLoop(signal, logger)
{
    private static readonly TimeSpan PurgeEvery = TimeSpan.FromMinutes(10);

    private readonly Dictionary<string, IInboxHandler> _handlers = handlers.ToDictionary(h => h.Source);
    private DateTimeOffset _nextPurge = DateTimeOffset.MinValue;

    protected override int BatchSize => options.Value.BatchSize;
    protected override TimeSpan PollInterval => TimeSpan.FromMilliseconds(options.Value.PollMilliseconds);

    protected override async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var claimed = await ProcessOnceAsync(ct);
        if (clock.GetUtcNow() >= _nextPurge)
        {
            await store.PurgeAsync(clock.GetUtcNow() - TimeSpan.FromHours(options.Value.KeepHours), ct);
            _nextPurge = clock.GetUtcNow() + PurgeEvery;
        }
        return claimed;
    }

    /// <summary>
    /// One pass: claim a batch (at most one row per group: the oldest unfinished) and process its
    /// rows in parallel, each finished on its own as soon as it is through. Returns how many rows
    /// were claimed.
    /// </summary>
    public async Task<int> ProcessOnceAsync(CancellationToken ct)
    {
        var o = options.Value;
        var lease = TimeSpan.FromSeconds(o.LeaseSeconds);
        var batch = await store.ClaimAsync(o.BatchSize, lease, ct);
        if (batch.Count == 0) return 0;
        var working = Working.CanBeCanceled ? Working : ct;
        await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = o.Concurrency, CancellationToken = working },
            async (item, token) =>
            {
                if (Stopping.IsCancellationRequested)
                {
                    await store.ReleaseAsync(item, CancellationToken.None); // for the next instance, now
                    return;
                }
                if (clock.GetUtcNow() - item.ClaimedAt > lease / 4 && !await store.RenewAsync(item, lease, CancellationToken.None))
                    return; // the lease ran out and another worker has the row
                await ProcessAsync(item, o.MaxAttempts, token);
            });
        return batch.Count;
    }

    /// <summary>Runs one row and records the outcome: finished with its messages, retried later, or given up.</summary>
    private async Task ProcessAsync(InboxItem item, int maxAttempts, CancellationToken ct)
    {
        if (!_handlers.TryGetValue(item.Source, out var handler))
        {
            await store.FinishAsync(item, [], "failed", $"no handler for source {item.Source}", CancellationToken.None);
            return;
        }
        using var span = Telemetry.HireBotMetrics.Traces.StartActivity("inbox.process");
        span?.SetTag("hirebot.inbox.id", item.Id).SetTag("hirebot.inbox.source", item.Source).SetTag("hirebot.inbox.attempt", item.Attempt);
        IReadOnlyList<OutboxMessage> messages;
        try
        {
            messages = await handler.HandleAsync(item, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            var reason = e.GetType().Name;
            span?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, reason);
            if (item.Attempt >= maxAttempts)
            {
                LogGaveUp(logger, item.Id, item.Source, reason);
                if (await store.FinishAsync(item, handler.GiveUp(item), "failed", $"gave up after {item.Attempt} attempts: {reason}", CancellationToken.None))
                    outboxSignal.Notify();
            }
            else
            {
                var backoff = OutboxDispatcher.Backoff(item.Attempt);
                LogRetry(logger, item.Id, item.Source, reason, backoff.TotalMilliseconds);
                await store.MarkRetryAsync(item, backoff, reason, CancellationToken.None);
            }
            return;
        }
        // Finished even when shutdown's grace has run out: the work is done and must not run twice.
        if (await store.FinishAsync(item, messages, "done", null, CancellationToken.None) && messages.Count > 0)
            outboxSignal.Notify();
    }

    [LoggerMessage(EventId = 2111, Level = LogLevel.Information, Message = "Inbox {Id} ({Source}) will retry ({Reason}) in {DelayMs} ms")]
    private static partial void LogRetry(ILogger logger, long id, string source, string reason, double delayMs);

    [LoggerMessage(EventId = 2112, Level = LogLevel.Warning, Message = "Inbox {Id} ({Source}) given up: {Reason}")]
    private static partial void LogGaveUp(ILogger logger, long id, string source, string reason);
}
