using HireBot.Storage;
using HireBot.Outbox;
using Npgsql;

namespace HireBot.Inbox;

/// <summary>
/// Claims and outcomes for inbox rows, the same way the outbox does them: FOR UPDATE SKIP LOCKED
/// with a lease, and every outcome names the claim it belongs to, so a worker whose lease ran out
/// changes nothing another worker has since taken.
/// </summary>
public sealed class InboxStore(NpgsqlDataSource db, TimeProvider clock)
{
    /// <summary>The claim: the oldest due rows, FOR UPDATE SKIP LOCKED, leased to this claim ($1 now, $2 the lease's end, $3 at most).</summary>
    internal const string ClaimSql =
        """
        UPDATE inbox i SET status = 'working', lease_until = $2, attempts = i.attempts + 1, claim_token = gen_random_uuid()
        WHERE i.id IN (
            SELECT c.id FROM inbox c
            WHERE c.not_before <= $1 AND (c.status = 'pending' OR (c.status = 'working' AND c.lease_until < $1))
                AND NOT EXISTS (
                    -- an earlier unfinished row of the group, or one of its rows still running
                    -- (two instances' inserts can commit out of id order)
                    SELECT 1 FROM inbox e
                    WHERE e.source = c.source AND e.group_key = c.group_key AND e.id <> c.id AND e.status IN ('pending', 'working')
                        AND (e.id < c.id OR (e.status = 'working' AND e.lease_until >= $1)))
            ORDER BY c.not_before, c.id
            LIMIT $3
            FOR UPDATE SKIP LOCKED)
        RETURNING i.id, i.source, i.key, i.payload, i.attempts, i.claim_token, i.org_id
        """;

    public async Task<IReadOnlyList<InboxItem>> ClaimAsync(int max, TimeSpan lease, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var batch = db.CreateClaimBatch(ClaimSql, out var cmd);
        cmd.Parameters.Add(new() { Value = now });
        cmd.Parameters.Add(new() { Value = now + lease });
        cmd.Parameters.Add(new() { Value = max });
        var claimed = new List<InboxItem>();
        await using var reader = await batch.ExecuteClaimAsync(ct);
        while (await reader.ReadAsync(ct))
            claimed.Add(new InboxItem(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4), reader.GetGuid(5), now, reader.GetGuid(6)));
        return claimed.OrderBy(i => i.Id).ToList();
    }

    /// <summary>Extends a claim's lease; false when it ran out and the row is no longer this claim's.</summary>
    public async Task<bool> RenewAsync(InboxItem item, TimeSpan lease, CancellationToken ct) =>
        await db.ExecuteAsync("UPDATE inbox SET lease_until = $3 WHERE id = $1 AND claim_token = $2 AND status = 'working'",
            ct, item.Id, item.ClaimToken, clock.GetUtcNow() + lease) == 1;

    /// <summary>
    /// Finishes a row: its messages go to the outbox and the row is marked <paramref name="status"/>
    /// (done, or failed with <paramref name="error"/>) in one transaction, so a reply is never
    /// written for a row left unfinished, nor a finished row left without its reply. False when
    /// the claim was lost (nothing is written then).
    /// </summary>
    public async Task<bool> FinishAsync(InboxItem item, IReadOnlyList<OutboxMessage> messages, string status, string? error, CancellationToken ct)
    {
        // One round trip, one implicit transaction: the mark, then the messages only if the mark took.
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var batch = new NpgsqlBatch(conn);
        // The messages are the row's organisation's (the outbox's org_id defaults to the transaction's).
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT set_config('hirebot.org_id', $1, true)") { Parameters = { new() { Value = item.OrgId.ToString() } } });
        var mark = new NpgsqlBatchCommand(
            "UPDATE inbox SET status = $3, done_at = $4, lease_until = NULL, last_error = $5 WHERE id = $1 AND claim_token = $2 AND status = 'working'");
        mark.Parameters.Add(new() { Value = item.Id });
        mark.Parameters.Add(new() { Value = item.ClaimToken });
        mark.Parameters.Add(new() { Value = status });
        mark.Parameters.Add(new() { Value = clock.GetUtcNow() });
        mark.Parameters.Add(new() { Value = (object?)error ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        batch.BatchCommands.Add(mark);
        if (messages.Count > 0)
            batch.BatchCommands.Add(OutboxStore.EnqueueCommand(messages,
                "EXISTS (SELECT 1 FROM inbox WHERE id = $7 AND claim_token = $8 AND status <> 'working')", item.Id, item.ClaimToken));
        await batch.ExecuteNonQueryAsync(ct);
        return mark.RecordsAffected == 1;
    }

    public Task MarkRetryAsync(InboxItem item, TimeSpan after, string reason, CancellationToken ct) =>
        db.ExecuteAsync("UPDATE inbox SET status = 'pending', not_before = $3, last_error = $4, lease_until = NULL WHERE id = $1 AND claim_token = $2 AND status = 'working'",
            ct, item.Id, item.ClaimToken, clock.GetUtcNow() + after, reason);

    /// <summary>Hands a claimed, untried row back (shutting down): the claim's attempt is given back.</summary>
    public Task ReleaseAsync(InboxItem item, CancellationToken ct) =>
        db.ExecuteAsync("UPDATE inbox SET status = 'pending', attempts = greatest(attempts - 1, 0), lease_until = NULL WHERE id = $1 AND claim_token = $2 AND status = 'working'",
            ct, item.Id, item.ClaimToken);

    /// <summary>Forgets finished rows received before <paramref name="before"/>; returns how many.</summary>
    public Task<int> PurgeAsync(DateTimeOffset before, CancellationToken ct) =>
        db.ExecuteAsync("DELETE FROM inbox WHERE status IN ('done', 'failed') AND received_at < $1", ct, before);

    /// <summary>Rows waiting (or being worked on), and the age of the oldest, for metrics and the load bench.</summary>
    public async Task<(long Depth, TimeSpan OldestAge)> DepthAsync(CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("SELECT count(*), min(received_at) FROM inbox WHERE status IN ('pending', 'working')");
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetInt64(0), reader.IsDBNull(1) ? TimeSpan.Zero : clock.GetUtcNow() - reader.GetFieldValue<DateTimeOffset>(1));
    }
}
