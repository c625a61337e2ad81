using HireBot.Core.Loops;
using HireBot.Outbox;
using Npgsql;
using Quartz;

namespace HireBot.Scheduling;

/// <summary>
/// A loop locked by <see cref="BookingStore.LockAsync"/> until disposed: its snapshot, reads in
/// the same transaction, and the commit that writes a <see cref="LoopChange"/> (state, rows, outbox
/// rows and Quartz triggers) at once. Disposed without a commit, nothing is written.
/// </summary>
public sealed class LockedLoop(NpgsqlConnection conn, NpgsqlTransaction tx, LoopSnapshot snapshot, IScheduler scheduler) : IAsyncDisposable
{
    public LoopSnapshot Snapshot => snapshot;

    /// <summary>People rows by email, read in the loop's transaction (see <see cref="SchedulingStore.PeopleAsync"/>).</summary>
    public Task<Dictionary<string, PersonRow>> PeopleAsync(IEnumerable<string> emails, CancellationToken ct) =>
        SchedulingStore.PeopleAsync(conn, tx, emails, ct);

    /// <summary>
    /// Writes <paramref name="change"/> with <paramref name="messages"/> (the feature's renderings of
    /// its kit and confirmation effects) and commits; the interviews' triggers join the transaction
    /// (Quartz "Joining an existing transaction"), so a booking never exists without them.
    /// </summary>
    public async Task CommitAsync(LoopChange change, IReadOnlyList<OutboxMessage> messages, CancellationToken ct)
    {
        if (change.State != snapshot.State) await SchedulingStore.SetStateAsync(conn, tx, snapshot.LoopId, change.State, snapshot.Now, ct);
        await LoopEffectStore.WriteAsync(conn, tx, snapshot.LoopId, change.Effects, messages, snapshot.Now, ct);
        using (scheduler.EnlistTransaction(tx))
        {
            await LoopEffectStore.WriteTriggersAsync(scheduler, change.Effects, snapshot.Now, ct);
            await tx.CommitAsync(ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await tx.DisposeAsync();
        await conn.DisposeAsync();
    }
}
