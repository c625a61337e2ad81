namespace HireBot.Background;

/// <summary>
/// Wakes a background loop as soon as there is work for it, rather than at its next poll. Raising
/// an already raised signal (the common case under load) is one interlocked exchange: no lock,
/// no exception.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "A SemaphoreSlim holds no native handle unless AvailableWaitHandle is used; signals live as long as the process.")]
public abstract class WakeSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);
    private int _raised;

    public void Notify()
    {
        if (Interlocked.Exchange(ref _raised, 1) != 0) return;
        try { _signal.Release(); } catch (SemaphoreFullException) { /* a wake-up is already pending */ }
    }

    /// <summary>
    /// Waits for a <see cref="Notify"/> or the timeout. The signal is lowered when the wait ends,
    /// before the caller looks for work: a Notify from then on (work committed while the caller
    /// is busy) wakes the next wait at once instead of being lost.
    /// </summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        try
        {
            await _signal.WaitAsync(timeout, ct);
        }
        finally
        {
            Volatile.Write(ref _raised, 0);
        }
    }
}
