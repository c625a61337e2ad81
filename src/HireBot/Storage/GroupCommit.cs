using Npgsql;

namespace HireBot.Storage;

/// <summary>
/// Writes that share transactions: the first item is written at once, and every item added while a
/// write is on its way joins the next one, so a busy caller commits a dozen items with one round
/// trip and one flush rather than one each; one write at a time. <c>write</c> stores a batch and
/// returns each item's result, in order. Each caller's task completes once its item is committed,
/// or fails with the write's error (for the caller to try again). A batch the database refuses
/// (a <see cref="PostgresException"/>: one item it cannot hold) is written again item by item, so
/// the refused one holds back no other and its own error reaches its own caller.
/// </summary>
public sealed class GroupCommit<TItem, TResult>(Func<IReadOnlyList<TItem>, Task<IReadOnlyList<TResult>>> write)
{
    private readonly Lock _gate = new();
    private List<(TItem Item, TaskCompletionSource<TResult> Done)> _waiting = [];
    private bool _writing;
    private long _writes;

    /// <summary>Writes made so far (each carries every item that was waiting).</summary>
    public long Writes => Interlocked.Read(ref _writes);

    public Task<TResult> AddAsync(TItem item, CancellationToken ct)
    {
        var done = new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _waiting.Add((item, done));
            if (_writing) return done.Task.WaitAsync(ct);
            _writing = true;
        }
        _ = WriteWaitingAsync();
        return done.Task.WaitAsync(ct);
    }

    /// <summary>Writes the waiting items, batch after batch, until none are left.</summary>
    private async Task WriteWaitingAsync()
    {
        while (true)
        {
            List<(TItem Item, TaskCompletionSource<TResult> Done)> batch;
            lock (_gate)
            {
                if (_waiting.Count == 0)
                {
                    _writing = false;
                    return;
                }
                (batch, _waiting) = (_waiting, []);
            }
            try
            {
                await WriteAsync(batch);
            }
            catch (PostgresException) when (batch.Count > 1)
            {
                foreach (var one in batch)
                {
                    try { await WriteAsync([one]); }
                    catch (Exception e) { one.Done.TrySetException(e); }
                }
            }
            catch (Exception e)
            {
                foreach (var (_, done) in batch) done.TrySetException(e);
            }
        }
    }

    private async Task WriteAsync(List<(TItem Item, TaskCompletionSource<TResult> Done)> batch)
    {
        Interlocked.Increment(ref _writes);
        var results = await write(batch.Select(b => b.Item).ToList());
        for (var i = 0; i < batch.Count; i++) batch[i].Done.TrySetResult(results[i]);
    }
}
