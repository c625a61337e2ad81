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
    protected override Task<int> RunOnceAsync(CancellationToken ct) => DispatchOnceAsync(ct);

    /// <summary>One pass: claim a batch and deliver it. Returns how many rows were handled.</summary>
    public async Task<int> DispatchOnceAsync(CancellationToken ct)
    {
        var o = options.Value;
        var batch = await store.ClaimAsync(o.BatchSize, TimeSpan.FromSeconds(o.LeaseSeconds), ct);
        // Rows for the same recipient stay in order; different recipients go in parallel.
        // Sends use their own token: on shutdown no new send starts, but one under way gets a grace period to finish.
        var sending = Working.CanBeCanceled ? Working : ct;
        // Rows put back untried are written together once the batch is through: under a rate
        // limit that is most of a batch, and one statement instead of one per row.
        var deferred = new System.Collections.Concurrent.ConcurrentBag<(Delivery, DateTimeOffset)>();
        try
        {
            await DispatchAsync(batch, deferred, o, sending);
        }
        finally
        {
            await store.MarkDeferredAsync(deferred, CancellationToken.None);
        }
        return batch.Count;
    }

    private async Task DispatchAsync(IReadOnlyList<Delivery> batch, System.Collections.Concurrent.ConcurrentBag<(Delivery, DateTimeOffset)> deferred, OutboxOptions o, CancellationToken sending)
    {
        await Parallel.ForEachAsync(batch.GroupBy(d => d.Recipient), new ParallelOptions { MaxDegreeOfParallelism = o.Concurrency, CancellationToken = sending },
            async (group, token) =>
            {
                TimeSpan? paced = null;
                foreach (var delivery in group)
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
                    // Rows late in a slow batch may have outlived the lease taken at claim time: past a
                    // quarter of it, renew (and learn whether the row is still ours) before sending.
                    if (clock.GetUtcNow() - delivery.ClaimedAt > TimeSpan.FromSeconds(o.LeaseSeconds) / 4 &&
                        !await store.RenewAsync(delivery, TimeSpan.FromSeconds(o.LeaseSeconds), CancellationToken.None)) continue;
                    paced = await DeliverAsync(delivery, o.MaxAttempts, deferred, token);
                }
            });
    }

    /// <summary>Sends one row and records the outcome; returns the wait when a rate limit deferred it.</summary>
    private async Task<TimeSpan?> DeliverAsync(Delivery delivery, int maxAttempts, System.Collections.Concurrent.ConcurrentBag<(Delivery, DateTimeOffset)> putBack, CancellationToken ct)
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

    [LoggerMessage(EventId = 2006, Level = LogLevel.Warning, Message = "Outbox {Id}: could not record the outcome ({Error}); trying again in {DelayMs} ms")]
    private static partial void LogMarkRetry(ILogger logger, long id, string error, double delayMs);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Debug, Message = "Outbox {Id} ({Kind}) sent via {Channel} on attempt {Attempt}")]
    private static partial void LogSent(ILogger logger, long id, string kind, string channel, int attempt);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Outbox {Id} will retry ({Reason}) in {DelayMs} ms")]
    private static partial void LogRetry(ILogger logger, long id, string reason, double delayMs);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Outbox {Id} failed: {Reason}; {Reports} report(s) to the recruiters")]
    private static partial void LogFailed(ILogger logger, long id, string reason, int reports);
}
