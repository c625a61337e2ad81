using System.Threading.Channels;
using Npgsql;

namespace HireBot.Inbox;

/// <summary>
/// Writes accepted requests to the inbox with group commit: every request that arrives while the
/// previous write is on its way joins the next one, so a burst of a thousand acknowledgements
/// costs a few dozen INSERTs instead of a thousand. A request is answered only after its row is
/// committed; if the write fails, every request in that write gets the exception (and the platform
/// a 503, so it retries).
/// </summary>
public sealed partial class InboxWriter(NpgsqlDataSource db, InboxSignal signal, Microsoft.Extensions.Options.IOptions<InboxOptions> options, ILogger<InboxWriter> logger)
    : BackgroundService
{
    private const int MaxBatch = 256;
    private readonly Channel<Pending> _queue = Channel.CreateBounded<Pending>(
        new BoundedChannelOptions(Math.Max(1, options.Value.MaxQueued)) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private long _writes;

    /// <summary>INSERT statements written so far (each carries every request that was waiting).</summary>
    public long Writes => Interlocked.Read(ref _writes);

    /// <summary>
    /// Stores the request; true when it is new, false when this (source, key) was accepted before
    /// (a platform retry). Rows of one <paramref name="group"/> are run one at a time, in order.
    /// Keys and groups longer than an index entry allows are stored as their SHA-256. The row belongs
    /// to <paramref name="org"/>, whose scope the worker runs it in.
    /// </summary>
    public Task<bool> AcceptAsync(Guid org, string source, string key, string group, string payload, CancellationToken ct)
    {
        var pending = new Pending(org, source, Fit(key), Fit(group), payload, new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
        {
            if (_queue.Reader.Completion.IsCompleted) throw new InboxUnavailableException();
            LogQueueFull(logger, options.Value.MaxQueued);
            throw new InboxFullException(options.Value.MaxQueued);
        }
        return pending.Done.Task.WaitAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>(MaxBatch);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next))
                    batch.Add(next);
                await WriteAsync(batch);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            _queue.Writer.TryComplete();
            foreach (var left in batch) left.Done.TrySetException(new InboxUnavailableException());
            while (_queue.Reader.TryRead(out var left)) left.Done.TrySetException(new InboxUnavailableException());
        }
    }

    private async Task WriteAsync(List<Pending> batch)
    {
        try
        {
            await using var cmd = db.CreateCommand(
                """
                INSERT INTO inbox (source, key, group_key, payload, org_id)
                SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::uuid[])
                ON CONFLICT (source, key) DO NOTHING
                RETURNING source, key
                """);
            cmd.Parameters.Add(new() { Value = batch.Select(p => p.Source).ToArray() });
            cmd.Parameters.Add(new() { Value = batch.Select(p => p.Key).ToArray() });
            cmd.Parameters.Add(new() { Value = batch.Select(p => p.Group).ToArray() });
            cmd.Parameters.Add(new() { Value = batch.Select(p => p.Payload).ToArray() });
            cmd.Parameters.Add(new() { Value = batch.Select(p => p.Org).ToArray() });
            Interlocked.Increment(ref _writes);
            var inserted = new HashSet<(string, string)>();
            // Not cancellable: once sent, the outcome must be learnt, or a committed row would be answered as failed.
            await using (var reader = await cmd.ExecuteReaderAsync(CancellationToken.None))
                while (await reader.ReadAsync(CancellationToken.None))
                    inserted.Add((reader.GetString(0), reader.GetString(1)));
            // The first request with a key owns a new row; a repeat of it in the same batch is a duplicate.
            foreach (var p in batch) p.Done.TrySetResult(inserted.Remove((p.Source, p.Key)));
            signal.Notify();
        }
        catch (Exception e)
        {
            LogWriteFailed(logger, batch.Count, e.GetType().Name);
            foreach (var p in batch) p.Done.TrySetException(e);
        }
    }

    private static string Fit(string value) =>
        value.Length <= 256 ? value : "sha256:" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(value)));

    private sealed record Pending(Guid Org, string Source, string Key, string Group, string Payload, TaskCompletionSource<bool> Done);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning, Message = "Inbox write queue is full ({MaxQueued} waiting); a request was answered 503 with Retry-After")]
    private static partial void LogQueueFull(ILogger logger, int maxQueued);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "Inbox write of {Count} requests failed ({Error}); they were answered with a retry hint")]
    private static partial void LogWriteFailed(ILogger logger, int count, string error);
}

/// <summary>The inbox is not taking requests (the bot is shutting down): answered like an unreachable database.</summary>
public sealed class InboxUnavailableException() : Exception("HireBot is shutting down and cannot accept this request now.");

/// <summary>More requests wait for the inbox write than <see cref="InboxOptions.MaxQueued"/>: answered 503 with Retry-After.</summary>
public sealed class InboxFullException(int maxQueued)
    : Exception($"HireBot is busy ({maxQueued} requests are waiting to be stored); please retry in a moment.");
