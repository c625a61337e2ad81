using HireBot.Storage;
using HireBot.Outbox;
using Npgsql;

namespace HireBot.Inbox;

/// <summary>
/// Claims and outcomes for inbox rows, the same way the outbox does them: FOR UPDATE SKIP LOCKED
/// with a lease, and every outcome names the claim it belongs to, so a worker whose lease ran out
/// changes nothing another worker has since taken.
/// </summary>
public sealed class InboxStore(NpgsqlDataSource db, TimeProvider clock, ILogger<InboxStore>? logger = null)
{
    /// <summary>The inbox table's planner statistics, refreshed by the worker while it has a backlog.</summary>
    public QueueStatistics Statistics { get; } = new(db, clock, "inbox", logger ?? (ILogger)Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

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

    /// <summary>
    /// The marks of finished rows ($1 when, then arrays: $2 ids, $3 claim tokens, $4 statuses, $5 errors).
    /// Every update of a claimed row checks its status as <c>(status = 'working') IS TRUE</c>: a plain
    /// equality lets the planner prove the open-rows partial index applies, and with statistics from
    /// before a burst that index looks tiny, so it scanned every waiting row (9 ms a finish with 20,000
    /// waiting) instead of finding the row by its key.
    /// </summary>
    internal const string FinishSql =
        """
        UPDATE inbox i SET status = f.status, done_at = $1, lease_until = NULL, last_error = f.error
        FROM unnest($2::bigint[], $3::uuid[], $4::text[], $5::text[]) AS f(id, token, status, error)
        WHERE i.id = ANY($2) AND i.id = f.id AND i.claim_token = f.token AND (i.status = 'working') IS TRUE
        RETURNING i.id
        """;

    public async Task<IReadOnlyList<InboxItem>> ClaimAsync(int max, TimeSpan lease, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var batch = db.CreateClaimBatch(ClaimSql, out var cmd);
        cmd.Parameters.Add(new() { Value = now });
        cmd.Parameters.Add(new() { Value = now + lease });
        cmd.Parameters.Add(new() { Value = max });
        var claimed = new List<InboxItem>();
        await using var reader = await batch.ExecuteQueueReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            claimed.Add(new InboxItem(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4), reader.GetGuid(5), now, reader.GetGuid(6)));
        return claimed.OrderBy(i => i.Id).ToList();
    }

    /// <summary>Extends a claim's lease; false when it ran out and the row is no longer this claim's.</summary>
    public async Task<bool> RenewAsync(InboxItem item, TimeSpan lease, CancellationToken ct) =>
        await db.ExecuteAsync("UPDATE inbox SET lease_until = $3 WHERE id = $1 AND claim_token = $2 AND (status = 'working') IS TRUE",
            ct, item.Id, item.ClaimToken, clock.GetUtcNow() + lease) == 1;

    private readonly GroupCommit<Finish, bool> _finishes = new(finishes => WriteFinishesAsync(db, clock, finishes));

    /// <summary>Transactions that have written finishes so far (each carries every finish that was waiting).</summary>
    public long FinishWrites => _finishes.Writes;

    /// <summary>
    /// Finishes a row: its messages go to the outbox and the row is marked <paramref name="status"/>
    /// (done, or failed with <paramref name="error"/>) in one transaction, so a reply is never
    /// written for a row left unfinished, nor a finished row left without its reply. False when
    /// the claim was lost (nothing is written for the row then). Finishes share transactions
    /// (<see cref="GroupCommit{TItem, TResult}"/>), as accepted requests do: busy runners commit
    /// several rows and their replies in one round trip and one flush instead of one each.
    /// </summary>
    public Task<bool> FinishAsync(InboxItem item, IReadOnlyList<OutboxMessage> messages, string status, string? error, CancellationToken ct) =>
        _finishes.AddAsync(new Finish(item, messages, status, error), ct);

    /// <summary>
    /// One round trip, one implicit transaction: the marks, then the messages of the rows whose mark
    /// took (a lost claim's messages are not written). Returns, for each finish, whether its mark took.
    /// Not cancellable: once sent, the outcome must be learnt.
    /// </summary>
    private static async Task<IReadOnlyList<bool>> WriteFinishesAsync(NpgsqlDataSource db, TimeProvider clock, IReadOnlyList<Finish> finishes)
    {
        await using var batch = db.CreateQueueBatch();
        var mark = new NpgsqlBatchCommand(FinishSql);
        mark.Parameters.Add(new() { Value = clock.GetUtcNow() });
        mark.Parameters.Add(new() { Value = finishes.Select(f => f.Item.Id).ToArray() });
        mark.Parameters.Add(new() { Value = finishes.Select(f => f.Item.ClaimToken).ToArray() });
        mark.Parameters.Add(new() { Value = finishes.Select(f => f.Status).ToArray() });
        mark.Parameters.Add(new() { Value = finishes.Select(f => f.Error).ToArray(), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text });
        batch.BatchCommands.Add(mark);
        var replies = finishes.SelectMany(f => f.Messages.Select(m => (f.Item, Message: m))).ToList();
        if (replies.Count > 0)
        {
            // Each message is its row's organisation's; it is written only if its row's mark took in this transaction.
            var insert = new NpgsqlBatchCommand(
                """
                INSERT INTO outbox (idempotency_key, recipient, kind, payload, not_before, replaces_key, loop_id, org_id)
                SELECT m.key, m.recipient, m.kind, m.payload, coalesce(m.not_before, now()), m.replaces_key, m.loop_id, m.org_id
                FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[], $5::timestamptz[], $6::text[], $7::uuid[], $8::bigint[], $9::uuid[], $10::uuid[])
                    WITH ORDINALITY AS m(key, recipient, kind, payload, not_before, replaces_key, org_id, inbox_id, token, loop_id, n)
                WHERE EXISTS (SELECT 1 FROM inbox WHERE id = m.inbox_id AND claim_token = m.token AND status <> 'working')
                ORDER BY m.n
                ON CONFLICT (idempotency_key) DO NOTHING
                """);
            OutboxStore.AddMessageArrays(insert, replies.Select(r => r.Message).ToList());
            insert.Parameters.Add(new() { Value = replies.Select(r => r.Item.OrgId).ToArray() });
            insert.Parameters.Add(new() { Value = replies.Select(r => r.Item.Id).ToArray() });
            insert.Parameters.Add(new() { Value = replies.Select(r => r.Item.ClaimToken).ToArray() });
            insert.Parameters.Add(new() { Value = replies.Select(r => r.Message.LoopId).ToArray(), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Uuid });
            batch.BatchCommands.Add(insert);
        }
        var taken = new HashSet<long>();
        await using var reader = await batch.ExecuteQueueReaderAsync(CancellationToken.None);
        while (await reader.ReadAsync(CancellationToken.None)) taken.Add(reader.GetInt64(0));
        while (await reader.NextResultAsync(CancellationToken.None)) { }
        return finishes.Select(f => taken.Contains(f.Item.Id)).ToList();
    }

    private sealed record Finish(InboxItem Item, IReadOnlyList<OutboxMessage> Messages, string Status, string? Error);

    public Task MarkRetryAsync(InboxItem item, TimeSpan after, string reason, CancellationToken ct) =>
        db.ExecuteAsync("UPDATE inbox SET status = 'pending', not_before = $3, last_error = $4, lease_until = NULL WHERE id = $1 AND claim_token = $2 AND (status = 'working') IS TRUE",
            ct, item.Id, item.ClaimToken, clock.GetUtcNow() + after, reason);

    /// <summary>Hands a claimed, untried row back (shutting down): the claim's attempt is given back.</summary>
    public Task ReleaseAsync(InboxItem item, CancellationToken ct) =>
        db.ExecuteAsync("UPDATE inbox SET status = 'pending', attempts = greatest(attempts - 1, 0), lease_until = NULL WHERE id = $1 AND claim_token = $2 AND (status = 'working') IS TRUE",
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
