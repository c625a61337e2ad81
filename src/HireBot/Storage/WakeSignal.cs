namespace HireBot.Storage;

/// <summary>
/// Wakes a background loop as soon as there is work for it, rather than at its next poll. Raising
/// an already raised signal (the common case under load) is one interlocked exchange: no lock,
/// no exception.
/// </summary>
public abstract class WakeSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);
    private int _raised;

    public void Notify()
    {
        if (Interlocked.Exchange(ref _raised, 1) != 0) return;
        try { _signal.Release(); } catch (SemaphoreFullException) { /* a wake-up is already pending */ }
    }

    /// <summary>Waits for the next <see cref="Notify"/> (one since the last wait counts) or the timeout.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        Volatile.Write(ref _raised, 0); // a Notify from here on releases again
        return _signal.WaitAsync(timeout, ct);
    }
}
