using Npgsql;

namespace HireBot.Inbox;

/// <summary>
/// Claims and outcomes for inbox rows, the same way the outbox does them: FOR UPDATE SKIP LOCKED
/// with a lease, and every outcome names the claim it belongs to, so a worker whose lease ran out
/// changes nothing another worker has since taken.
/// </summary>
public sealed class InboxStore(NpgsqlDataSource db, TimeProvider clock)
{
    public async Task<IReadOnlyList<InboxItem>> ClaimAsync(int max, TimeSpan lease, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var cmd = db.CreateCommand(
            """
            UPDATE inbox i SET status = 'working', lease_until = $2, attempts = i.attempts + 1, claim_token = gen_random_uuid()
            WHERE i.id IN (
                SELECT id FROM inbox
                WHERE not_before <= $1 AND (status = 'pending' OR (status = 'working' AND lease_until < $1))
                ORDER BY not_before, id
                LIMIT $3
                FOR UPDATE SKIP LOCKED)
            RETURNING i.id, i.source, i.key, i.payload, i.attempts, i.claim_token
            """);
        cmd.Parameters.Add(new() { Value = now });
        cmd.Parameters.Add(new() { Value = now + lease });
        cmd.Parameters.Add(new() { Value = max });
        var claimed = new List<InboxItem>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            claimed.Add(new InboxItem(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4), reader.GetGuid(5), now));
        return claimed.OrderBy(i => i.Id).ToList();
    }

    /// <summary>Extends a claim's lease; false when it ran out and the row is no longer this claim's.</summary>
    public async Task<bool> RenewAsync(InboxItem item, TimeSpan lease, CancellationToken ct) =>
        await ExecAsync("UPDATE inbox SET lease_until = $3 WHERE id = $1 AND claim_token = $2 AND status = 'working'",
            ct, item.Id, item.ClaimToken, clock.GetUtcNow() + lease) == 1;

    /// <summary>Marks the processed rows done, in one statement.</summary>
    public async Task MarkDoneAsync(IReadOnlyCollection<InboxItem> items, CancellationToken ct)
    {
        if (items.Count == 0) return;
        await using var cmd = db.CreateCommand(
            """
            UPDATE inbox i SET status = 'done', done_at = $3, lease_until = NULL, last_error = NULL
            FROM unnest($1::bigint[], $2::uuid[]) AS d(id, token)
            WHERE i.id = d.id AND i.claim_token = d.token
            """);
        cmd.Parameters.Add(new() { Value = items.Select(i => i.Id).ToArray() });
        cmd.Parameters.Add(new() { Value = items.Select(i => i.ClaimToken).ToArray() });
        cmd.Parameters.Add(new() { Value = clock.GetUtcNow() });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public Task MarkRetryAsync(InboxItem item, TimeSpan after, string reason, CancellationToken ct) =>
        ExecAsync("UPDATE inbox SET status = 'pending', not_before = $3, last_error = $4, lease_until = NULL WHERE id = $1 AND claim_token = $2",
            ct, item.Id, item.ClaimToken, clock.GetUtcNow() + after, reason);

    /// <summary>Hands a claimed, untried row back (shutting down): the claim's attempt is given back.</summary>
    public Task ReleaseAsync(InboxItem item, CancellationToken ct) =>
        ExecAsync("UPDATE inbox SET status = 'pending', attempts = greatest(attempts - 1, 0), lease_until = NULL WHERE id = $1 AND claim_token = $2",
            ct, item.Id, item.ClaimToken);

    public Task MarkFailedAsync(InboxItem item, string reason, CancellationToken ct) =>
        ExecAsync("UPDATE inbox SET status = 'failed', last_error = $3, lease_until = NULL, done_at = $4 WHERE id = $1 AND claim_token = $2",
            ct, item.Id, item.ClaimToken, reason, clock.GetUtcNow());

    /// <summary>Forgets finished rows received before <paramref name="before"/>; returns how many.</summary>
    public Task<int> PurgeAsync(DateTimeOffset before, CancellationToken ct) =>
        ExecAsync("DELETE FROM inbox WHERE status IN ('done', 'failed') AND received_at < $1", ct, before);

    /// <summary>Rows waiting (or being worked on), and the age of the oldest, for metrics and the load bench.</summary>
    public async Task<(long Depth, TimeSpan OldestAge)> DepthAsync(CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("SELECT count(*), min(received_at) FROM inbox WHERE status IN ('pending', 'working')");
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetInt64(0), reader.IsDBNull(1) ? TimeSpan.Zero : clock.GetUtcNow() - reader.GetFieldValue<DateTimeOffset>(1));
    }

    private async Task<int> ExecAsync(string sql, CancellationToken ct, params object[] args)
    {
        await using var cmd = db.CreateCommand(sql);
        foreach (var a in args) cmd.Parameters.Add(new() { Value = a });
        return await cmd.ExecuteNonQueryAsync(ct);
    }
}
