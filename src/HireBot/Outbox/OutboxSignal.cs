namespace HireBot.Outbox;

/// <summary>Wakes this instance's dispatcher right after a commit that wrote outbox rows, so a reply goes out in milliseconds rather than at the next poll.</summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);
    private int _raised;

    /// <summary>
    /// Raises the signal. While it is already raised (the common case under load) this is one
    /// interlocked exchange: no lock and no exception.
    /// </summary>
    public void Notify()
    {
        if (Interlocked.Exchange(ref _raised, 1) != 0) return;
        try { _signal.Release(); } catch (SemaphoreFullException) { /* a wake-up is already pending */ }
    }

    public Task WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        Volatile.Write(ref _raised, 0); // a Notify from here on releases again
        return _signal.WaitAsync(timeout, ct);
    }
}
