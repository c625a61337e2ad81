using HireBot.Background;
using HireBot.Outbox;
using Microsoft.Extensions.Options;

namespace HireBot.Inbox;

/// <summary>
/// Processes accepted requests: claims a batch, runs each row through the handler for its source
/// (the claim takes only the oldest unfinished row of each group, so a conversation's messages
/// run one at a time and in order, across instances too), writes each row's reply to the outbox
/// in the transaction that marks it done, and retries failures with backoff until the attempt
/// cap (or at once when retrying cannot help), when the handler's apology is written as the row is
/// marked failed: a command given up on is always answered in its conversation.
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
    private readonly System.Threading.Channels.Channel<InboxItem> _claimed =
        System.Threading.Channels.Channel.CreateUnbounded<InboxItem>(new() { SingleWriter = true });
    private int _waiting; // claimed, not yet started
    private Task? _runners;

    protected override int BatchSize => options.Value.BatchSize;
    protected override TimeSpan PollInterval => TimeSpan.FromMilliseconds(options.Value.PollMilliseconds);

    protected override async Task<int> RunOnceAsync(CancellationToken ct)
    {
        _runners ??= StartRunners();
        // Claim again once everything claimed before has started: a slow row holds one runner, never
        // the rows claimed after it (another person's command waits for no one's slow platform call).
        var claimed = Volatile.Read(ref _waiting) > 0 ? 0 : await ClaimIntoQueueAsync(ct);
        if (claimed >= options.Value.BatchSize) await store.Statistics.RefreshAsync(ct); // a backlog: keep the planner's picture of it current
        if (clock.GetUtcNow() >= _nextPurge)
        {
            await store.PurgeAsync(clock.GetUtcNow() - TimeSpan.FromHours(options.Value.KeepHours), ct);
            _nextPurge = clock.GetUtcNow() + PurgeEvery;
        }
        return claimed;
    }

    private async Task<int> ClaimIntoQueueAsync(CancellationToken ct)
    {
        var batch = await store.ClaimAsync(options.Value.BatchSize, TimeSpan.FromSeconds(options.Value.LeaseSeconds), ct);
        Interlocked.Add(ref _waiting, batch.Count);
        foreach (var item in batch) _claimed.Writer.TryWrite(item);
        return batch.Count;
    }

    /// <summary><see cref="InboxOptions.Concurrency"/> runners, each taking the next claimed row as soon as it is free.</summary>
    private Task StartRunners() => Task.WhenAll(Enumerable.Range(0, Math.Max(1, options.Value.Concurrency)).Select(_ => Task.Run(async () =>
    {
        await foreach (var item in _claimed.Reader.ReadAllAsync(CancellationToken.None))
        {
            if (Interlocked.Decrement(ref _waiting) == 0) signal.Notify(); // the loop may claim the next batch now
            await RunClaimedAsync(item, Working.CanBeCanceled ? Working : CancellationToken.None);
        }
    })));

    /// <summary>The loop has stopped claiming: rows under way finish within the grace, and those not started are handed back.</summary>
    protected override async Task DrainAsync()
    {
        _claimed.Writer.TryComplete();
        if (_runners is not null) await _runners;
    }

    /// <summary>
    /// One pass, run to the end: claim a batch (at most one row per group: the oldest unfinished)
    /// and process its rows in parallel, each finished on its own as soon as it is through. Returns
    /// how many rows were claimed. (The hosted loop does not wait for a batch: see <see cref="RunOnceAsync"/>.)
    /// </summary>
    public async Task<int> ProcessOnceAsync(CancellationToken ct)
    {
        var o = options.Value;
        var batch = await store.ClaimAsync(o.BatchSize, TimeSpan.FromSeconds(o.LeaseSeconds), ct);
        await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = o.Concurrency, CancellationToken = ct },
            async (item, token) => await RunClaimedAsync(item, token));
        return batch.Count;
    }

    /// <summary>Runs one claimed row in its organisation, unless shutdown has begun (then it is handed back untried).</summary>
    private async Task RunClaimedAsync(InboxItem item, CancellationToken token)
    {
        var o = options.Value;
        var lease = TimeSpan.FromSeconds(o.LeaseSeconds);
        try
        {
            if (Stopping.IsCancellationRequested)
            {
                await store.ReleaseAsync(item, CancellationToken.None); // for the next instance, now
                return;
            }
            if (clock.GetUtcNow() - item.ClaimedAt > lease / 4 && !await store.RenewAsync(item, lease, CancellationToken.None))
                return; // the lease ran out and another worker has the row
            // Each row runs in the organisation it was accepted for.
            using (Organisations.OrgScope.Enter(item.OrgId))
                await ProcessAsync(item, o.MaxAttempts, lease, token);
        }
        catch (Exception e) when (e is not OperationCanceledException || !token.IsCancellationRequested)
        {
            // Usually the database going away: the row keeps its lease and is claimed again when it runs out.
            LogRowFailed(logger, item.Id, item.Source, e.GetType().Name);
        }
        signal.Notify(); // the conversation's next row, if any, can be claimed now
    }

    /// <summary>
    /// Runs one row and records the outcome: finished with its messages, retried later, or given
    /// up. The handler gets at most two thirds of the lease, so a row is never still running when
    /// another worker may take it; a row claimed more often than the attempt cap allows (its runs
    /// kept dying with the process) is given up without running again.
    /// </summary>
    private async Task ProcessAsync(InboxItem item, int maxAttempts, TimeSpan lease, CancellationToken ct)
    {
        if (!_handlers.TryGetValue(item.Source, out var handler))
        {
            await RecordAsync(item, () => store.FinishAsync(item, [], "failed", $"no handler for source {item.Source}", CancellationToken.None));
            return;
        }
        if (item.Attempt > maxAttempts)
        {
            await GiveUpAsync(handler, item, "claimed more often than the attempt cap allows");
            return;
        }
        using var span = Telemetry.HireBotMetrics.Traces.StartActivity("inbox.process");
        span?.SetTag("hirebot.inbox.id", item.Id).SetTag("hirebot.inbox.source", item.Source).SetTag("hirebot.inbox.attempt", item.Attempt);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(lease * 2 / 3);
        IReadOnlyList<OutboxMessage> messages;
        try
        {
            messages = await handler.HandleAsync(item, deadline.Token);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            var reason = deadline.IsCancellationRequested ? "took longer than two thirds of the lease" : e.GetType().Name;
            span?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, reason);
            // A refusal that another try cannot change is given up at once, so the user hears now, not after every backoff.
            if (item.Attempt >= maxAttempts || CommandFailure.IsFinal(e))
            {
                await GiveUpAsync(handler, item, reason);
            }
            else
            {
                var backoff = OutboxDispatcher.Backoff(item.Attempt);
                LogRetry(logger, item.Id, item.Source, reason, backoff.TotalMilliseconds);
                await RecordAsync(item, async () => { await store.MarkRetryAsync(item, backoff, reason, CancellationToken.None); return true; });
            }
            return;
        }
        // Finished even when shutdown's grace has run out: the work is done and must not run twice.
        if (await RecordAsync(item, () => store.FinishAsync(item, messages, "done", null, CancellationToken.None)) && messages.Count > 0)
            outboxSignal.Notify();
    }

    /// <summary>Marks the row failed with the handler's apology; a row the handler cannot even apologise for is marked failed without one.</summary>
    private async Task GiveUpAsync(IInboxHandler handler, InboxItem item, string reason)
    {
        LogGaveUp(logger, item.Id, item.Source, reason);
        IReadOnlyList<OutboxMessage> apology;
        try
        {
            apology = handler.GiveUp(item);
        }
        catch (Exception e)
        {
            LogNoApology(logger, item.Id, e.GetType().Name);
            apology = [];
        }
        if (await RecordAsync(item, () => store.FinishAsync(item, apology, "failed", $"gave up after {item.Attempt} attempts: {reason}", CancellationToken.None)) && apology.Count > 0)
            outboxSignal.Notify();
    }

    /// <summary>
    /// Records a row's outcome, trying again through a database that is restarting for as long as
    /// the row's lease keeps it this worker's: an outcome lost to the outage would leave the row
    /// untouched until its lease ran out, and the person waiting for a minute.
    /// </summary>
    private async Task<bool> RecordAsync(InboxItem item, Func<Task<bool>> write)
    {
        var until = item.ClaimedAt + TimeSpan.FromSeconds(options.Value.LeaseSeconds);
        var wait = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            try
            {
                return await write();
            }
            catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException && clock.GetUtcNow() + wait < until)
            {
                LogRecordRetry(logger, item.Id, e.GetType().Name, wait.TotalMilliseconds);
                await Task.Delay(wait, clock);
                wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, TimeSpan.FromSeconds(2).Ticks));
            }
        }
    }

    [LoggerMessage(EventId = 2115, Level = LogLevel.Warning, Message = "Inbox {Id}: could not record the outcome ({Error}); trying again in {DelayMs} ms")]
    private static partial void LogRecordRetry(ILogger logger, long id, string error, double delayMs);

    [LoggerMessage(EventId = 2111, Level = LogLevel.Information, Message = "Inbox {Id} ({Source}) will retry ({Reason}) in {DelayMs} ms")]
    private static partial void LogRetry(ILogger logger, long id, string source, string reason, double delayMs);

    [LoggerMessage(EventId = 2112, Level = LogLevel.Warning, Message = "Inbox {Id} ({Source}) given up: {Reason}")]
    private static partial void LogGaveUp(ILogger logger, long id, string source, string reason);

    [LoggerMessage(EventId = 2114, Level = LogLevel.Warning, Message = "Inbox {Id} ({Source}) could not be run or recorded ({Error}); it is claimed again when its lease runs out")]
    private static partial void LogRowFailed(ILogger logger, long id, string source, string error);

    [LoggerMessage(EventId = 2113, Level = LogLevel.Warning, Message = "Inbox {Id}: no apology could be made either ({Error}); marked failed without one")]
    private static partial void LogNoApology(ILogger logger, long id, string error);
}
