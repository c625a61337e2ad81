using HireBot.Storage;
using Microsoft.Extensions.Options;

namespace HireBot.Inbox;

/// <summary>
/// Processes accepted requests: claims a batch, runs each row through the handler for its source
/// (rows of one group in order, groups in parallel), marks the processed rows done in one
/// statement, and retries failures with backoff until the attempt cap, when the handler tells the
/// person and the row is marked failed. Several instances share the table safely.
/// </summary>
public sealed partial class InboxWorker(
    InboxStore store,
    IEnumerable<IInboxHandler> handlers,
    InboxSignal signal,
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

    /// <summary>One pass: claim a batch and process it. Returns how many rows were claimed.</summary>
    public async Task<int> ProcessOnceAsync(CancellationToken ct)
    {
        var o = options.Value;
        var lease = TimeSpan.FromSeconds(o.LeaseSeconds);
        var batch = await store.ClaimAsync(o.BatchSize, lease, ct);
        if (batch.Count == 0) return 0;
        var done = new System.Collections.Concurrent.ConcurrentBag<InboxItem>();
        var working = Working.CanBeCanceled ? Working : ct;
        await Parallel.ForEachAsync(batch.GroupBy(i => (i.Source, Group: GroupOf(i))), new ParallelOptions { MaxDegreeOfParallelism = o.Concurrency, CancellationToken = working },
            async (group, token) =>
            {
                foreach (var item in group)
                {
                    if (Stopping.IsCancellationRequested)
                    {
                        await store.ReleaseAsync(item, CancellationToken.None); // for the next instance, now
                        continue;
                    }
                    if (clock.GetUtcNow() - item.ClaimedAt > lease / 4 && !await store.RenewAsync(item, lease, CancellationToken.None))
                        continue; // the lease ran out and another worker has the row
                    if (await ProcessAsync(item, o.MaxAttempts, token))
                        done.Add(item);
                }
            });
        await store.MarkDoneAsync(done, CancellationToken.None);
        return batch.Count;
    }

    private string GroupOf(InboxItem item) => _handlers.TryGetValue(item.Source, out var h) ? h.GroupOf(item) : "";

    /// <summary>Runs one row; true when it is done (processed, or given up and recorded as failed).</summary>
    private async Task<bool> ProcessAsync(InboxItem item, int maxAttempts, CancellationToken ct)
    {
        if (!_handlers.TryGetValue(item.Source, out var handler))
        {
            await store.MarkFailedAsync(item, $"no handler for source {item.Source}", CancellationToken.None);
            return false;
        }
        try
        {
            await handler.HandleAsync(item, ct);
            return true;
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            var reason = e.GetType().Name;
            if (item.Attempt >= maxAttempts)
            {
                LogGaveUp(logger, item.Id, item.Source, reason);
                try { await handler.GiveUpAsync(item, CancellationToken.None); }
                catch (Exception notified) { LogGiveUpFailed(logger, item.Id, notified.GetType().Name); }
                await store.MarkFailedAsync(item, $"gave up after {item.Attempt} attempts: {reason}", CancellationToken.None);
            }
            else
            {
                var backoff = Outbox.OutboxDispatcher.Backoff(item.Attempt);
                LogRetry(logger, item.Id, item.Source, reason, backoff.TotalMilliseconds);
                await store.MarkRetryAsync(item, backoff, reason, CancellationToken.None);
            }
            return false;
        }
    }

    [LoggerMessage(EventId = 2111, Level = LogLevel.Information, Message = "Inbox {Id} ({Source}) will retry ({Reason}) in {DelayMs} ms")]
    private static partial void LogRetry(ILogger logger, long id, string source, string reason, double delayMs);

    [LoggerMessage(EventId = 2112, Level = LogLevel.Warning, Message = "Inbox {Id} ({Source}) given up: {Reason}")]
    private static partial void LogGaveUp(ILogger logger, long id, string source, string reason);

    [LoggerMessage(EventId = 2113, Level = LogLevel.Warning, Message = "Inbox {Id}: telling the person it failed did not work either ({Error})")]
    private static partial void LogGiveUpFailed(ILogger logger, long id, string error);
}
