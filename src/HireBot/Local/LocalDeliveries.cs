namespace HireBot.Local;

/// <summary>
/// Wakes every long poll of GET /local/messages when the local channel records a message. Each
/// waiter takes <see cref="Next"/> before it reads, so a message recorded in between is not missed.
/// </summary>
public sealed class LocalDeliveries
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next recorded message.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    public void Notify() => Interlocked.Exchange(ref _next, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
