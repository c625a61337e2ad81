using HireBot.Telemetry;
using Microsoft.Extensions.Options;

namespace HireBot.Outbox;

/// <summary>
/// Delivers due outbox rows through the channel clients. Outcomes are classified once, here:
/// sent rows are marked with where they landed; throttled and transient failures go back with
/// the delay the platform asked for (or jittered backoff); anything else, or too many attempts,
/// is marked failed with its reason, and reported to the loop's recruiters (<see cref="UndeliveredReports"/>).
/// </summary>
public sealed partial class OutboxDispatcher(
    OutboxStore store,
    ChannelRouter router,
    OutboxSignal signal,
    IOptions<OutboxOptions> options,
    TimeProvider clock,
    ILogger<OutboxDispatcher> logger) : Background.ClaimLoop(signal, logger)
{
    protected override int BatchSize => options.Value.BatchSize;
    protected override TimeSpan PollInterval => TimeSpan.FromMilliseconds(options.Value.PollMilliseconds);
    private readonly System.Threading.Channels.Channel<IGrouping<string, Delivery>> _claimed =
        System.Threading.Channels.Channel.CreateUnbounded<IGrouping<string, Delivery>>(new() { SingleWriter = true });
    private int _waiting; // recipients claimed, not yet started
    private Task? _runners;

    /// <summary>
    /// One pass: once every recipient claimed before has started, claim the due rows and queue them
    /// per recipient for the runners. Returns how many rows were claimed. The claim skips a recipient
    /// with a send under way, so each recipient's rows still go out one at a time, in order.
    /// </summary>
    protected override async Task<int> RunOnceAsync(CancellationToken ct)
    {
        _runners ??= StartRunners();
        if (Volatile.Read(ref _waiting) > 0) return 0;
        var o = options.Value;
        var batch = await store.ClaimAsync(o.BatchSize, TimeSpan.FromSeconds(o.LeaseSeconds), ct);
        if (batch.Count >= o.BatchSize) await store.Statistics.RefreshAsync(ct); // a backlog: keep the planner's picture of it current
        var recipients = batch.GroupBy(d => d.Recipient).ToList();
        Interlocked.Add(ref _waiting, recipients.Count);
        foreach (var rows in recipients) _claimed.Writer.TryWrite(rows);
        return batch.Count;
    }

    /// <summary>
    /// <see cref="OutboxOptions.Concurrency"/> runners, each taking the next recipient's rows as soon
    /// as it is free: a slow platform (a calendar taking seconds) holds one runner, never the chat
    /// messages claimed with it.
    /// </summary>
    private Task StartRunners() => Task.WhenAll(Enumerable.Range(0, Math.Max(1, options.Value.Concurrency)).Select(_ => Task.Run(async () =>
    {
        await foreach (var rows in _claimed.Reader.ReadAllAsync(CancellationToken.None))
        {
            if (Interlocked.Decrement(ref _waiting) == 0) signal.Notify(); // the loop may claim again now
            // Sends use the grace token: on shutdown no new send starts, but one under way gets a grace period to finish.
            await SendAsync(rows, Working.CanBeCanceled ? Working : CancellationToken.None);
        }
    })));

    /// <summary>The loop has stopped claiming: sends under way finish within the grace, and rows not started are put back.</summary>
    protected override async Task DrainAsync()
    {
        _claimed.Writer.TryComplete();
        if (_runners is not null) await _runners;
    }

    /// <summary>Sends one recipient's claimed rows in order; rows put back untried are written together at the end.</summary>
    private async Task SendAsync(IEnumerable<Delivery> rows, CancellationToken token)
    {
        var o = options.Value;
        var deferred = new List<(Delivery, DateTimeOffset)>();
        try
        {
            TimeSpan? paced = null;
            foreach (var delivery in rows)
            {
                if (Stopping.IsCancellationRequested)
                {
                    deferred.Add((delivery, clock.GetUtcNow())); // for the next node, now
                    continue;
                }
                if (paced is { } wait)
                {
                    // The recipient's limit said "not yet": the rest of its rows wait too, untried and in order.
                    deferred.Add((delivery, clock.GetUtcNow() + wait));
                    continue;
                }
                // Rows late in a slow run may have outlived the lease taken at claim time: past a
                // quarter of it, renew (and learn whether the row is still ours) before sending.
                if (clock.GetUtcNow() - delivery.ClaimedAt > TimeSpan.FromSeconds(o.LeaseSeconds) / 4 &&
                    !await store.RenewAsync(delivery, TimeSpan.FromSeconds(o.LeaseSeconds), CancellationToken.None)) continue;
                paced = await DeliverAsync(delivery, o.MaxAttempts, deferred, token);
            }
            await store.MarkDeferredAsync(deferred, CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException || !token.IsCancellationRequested)
        {
            // Usually the database going away: the rows keep their lease and are claimed again when it runs out.
            LogSendFailed(logger, e.GetType().Name);
        }
        signal.Notify(); // the recipient's next rows, if any, can be claimed now
    }

    /// <summary>Sends one row and records the outcome; returns the wait when a rate limit deferred it.</summary>
    private async Task<TimeSpan?> DeliverAsync(Delivery delivery, int maxAttempts, List<(Delivery, DateTimeOffset)> putBack, CancellationToken ct)
    {
        // The message is sent (recipients resolved, reports written) in the organisation it belongs to.
        using var org = Organisations.OrgScope.Enter(delivery.OrgId);
        using var span = HireBotMetrics.Traces.StartActivity("outbox.deliver");
        span?.SetTag("hirebot.outbox.id", delivery.Id).SetTag("hirebot.outbox.kind", delivery.Kind).SetTag("hirebot.outbox.attempt", delivery.Attempt);
        DeliveryResult result;
        try
        {
            result = await router.DeliverAsync(delivery, ct);
        }
        catch (HttpRequestException e)
        {
            result = new DeliveryResult.Retry(Backoff(delivery.Attempt), $"network: {e.HttpRequestError}");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            result = new DeliveryResult.Retry(Backoff(delivery.Attempt), "timeout");
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // One bad row must not stall the batch: an unexpected failure is retried with backoff until the attempt cap.
            result = new DeliveryResult.Retry(Backoff(delivery.Attempt), $"unexpected {e.GetType().Name}");
        }

        span?.SetTag("hirebot.outbox.result", result.GetType().Name);
        HireBotMetrics.Deliveries.Add(1, new KeyValuePair<string, object?>("channel", (result as DeliveryResult.Sent)?.Channel ?? "any"),
            new KeyValuePair<string, object?>("result", result switch
            {
                DeliveryResult.Sent => "sent", DeliveryResult.Retry => "retry", DeliveryResult.Deferred => "deferred", _ => "failed",
            }));
        if (result is DeliveryResult.Retry { Reason: var why } && (why.Contains("rate limit", StringComparison.OrdinalIgnoreCase) || why.Contains("429")))
            HireBotMetrics.Throttled.Add(1, new KeyValuePair<string, object?>("reason", "rate_limited"));
        switch (result)
        {
            case DeliveryResult.Sent sent:
                // The platform has the message: losing this mark to a database blip would send it again.
                await RecordAsync(delivery, () => store.MarkSentAsync(delivery, sent.Channel, sent.Reference, CancellationToken.None));
                LogSent(logger, delivery.Id, delivery.Kind, sent.Channel, delivery.Attempt);
                break;
            case DeliveryResult.Retry retry when delivery.Attempt < maxAttempts:
                var backoff = retry.After > TimeSpan.Zero ? retry.After : Backoff(delivery.Attempt);
                await RecordAsync(delivery, () => store.MarkRetryAsync(delivery, backoff, retry.Reason, CancellationToken.None));
                LogRetry(logger, delivery.Id, retry.Reason, backoff.TotalMilliseconds);
                break;
            case DeliveryResult.Retry retry:
                await FailAsync(delivery, $"gave up after {delivery.Attempt} attempts: {retry.Reason}");
                break;
            case DeliveryResult.Deferred deferred:
                // A limiter that hands out slots (Teams) has already spread the rows; for one that
                // only says "wait" (Slack's buckets), spread them over the next second, so they do
                // not all come back at the same instant and get turned away again.
                var paced = deferred.After + (deferred.Slotted ? TimeSpan.Zero : TimeSpan.FromMilliseconds(Random.Shared.Next(0, 1000)));
                putBack.Add((delivery, clock.GetUtcNow() + paced));
                HireBotMetrics.Throttled.Add(1, new KeyValuePair<string, object?>("reason", "paced"));
                return paced;
            case DeliveryResult.Failed failed:
                await FailAsync(delivery, failed.Reason);
                break;
        }
        return null;
    }

    /// <summary>Marks the row failed; the reports to its loop's recruiters go out with the next pass.</summary>
    private async Task FailAsync(Delivery delivery, string reason)
    {
        var reports = 0;
        await RecordAsync(delivery, async () => reports = await store.MarkFailedAsync(delivery, reason, CancellationToken.None));
        LogFailed(logger, delivery.Id, reason, reports);
        if (reports > 0) signal.Notify();
    }

    /// <summary>
    /// Writes how a send went, retrying through a database that is restarting or unreachable for as
    /// long as the row's lease keeps it ours: after a send the platform accepted, a mark lost to the
    /// outage would leave the row to be claimed and sent again. Only a bot that dies between the send
    /// and its mark can still repeat a message (see the README on delivery guarantees).
    /// </summary>
    private async Task RecordAsync(Delivery delivery, Func<Task> mark)
    {
        var until = delivery.ClaimedAt + TimeSpan.FromSeconds(options.Value.LeaseSeconds);
        var wait = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            try
            {
                await mark();
                return;
            }
            catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException && clock.GetUtcNow() + wait < until)
            {
                LogMarkRetry(logger, delivery.Id, e.GetType().Name, wait.TotalMilliseconds);
                await Task.Delay(wait, clock);
                wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, TimeSpan.FromSeconds(2).Ticks));
            }
        }
    }

    /// <summary>Exponential backoff with full jitter: 0.5 s, 1 s, 2 s … capped at 5 minutes.</summary>
    public static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * Math.Min(300_000, 500 * Math.Pow(2, Math.Max(0, attempt - 1))) + 50);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Warning, Message = "Outbox: a recipient's rows could not be sent or recorded ({Error}); they are claimed again when their lease runs out")]
    private static partial void LogSendFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Warning, Message = "Outbox {Id}: could not record the outcome ({Error}); trying again in {DelayMs} ms")]
    private static partial void LogMarkRetry(ILogger logger, long id, string error, double delayMs);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Debug, Message = "Outbox {Id} ({Kind}) sent via {Channel} on attempt {Attempt}")]
    private static partial void LogSent(ILogger logger, long id, string kind, string channel, int attempt);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Outbox {Id} will retry ({Reason}) in {DelayMs} ms")]
    private static partial void LogRetry(ILogger logger, long id, string reason, double delayMs);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Outbox {Id} failed: {Reason}; {Reports} report(s) to the recruiters")]
    private static partial void LogFailed(ILogger logger, long id, string reason, int reports);
}
