using HireBot.Storage;
using System.Text.Json.Nodes;
using Npgsql;
using NpgsqlTypes;

namespace HireBot.Outbox;

/// <summary>
/// SQL for the outbox. Writes join the caller's transaction; idempotency is the unique key plus
/// ON CONFLICT DO NOTHING. Claims use FOR UPDATE SKIP LOCKED and a lease, so two dispatchers
/// (in one process or in two instances) never take the same row, and a row whose dispatcher died
/// mid-send is taken again when its lease runs out.
/// </summary>
/// <remarks>
/// Claims and outcomes name rows by id across organisations (the plain data source); what reads
/// or writes an organisation's messages (enqueue, the undelivered lists, a failure's reports) goes
/// through <see cref="Organisations.OrgDb"/>, in the organisation in scope. Outcomes check a claimed
/// row's status as <c>(status = 'sending') IS TRUE</c>, so the row is found by its key and not by
/// scanning a partial index that stale statistics make look small (see <see cref="Inbox.InboxStore.FinishSql"/>).
/// </remarks>
public sealed class OutboxStore(NpgsqlDataSource db, Organisations.OrgDb orgDb, TimeProvider clock, ILogger<OutboxStore>? logger = null)
{
    /// <summary>The outbox table's planner statistics, refreshed by the dispatcher while it has a backlog.</summary>
    public QueueStatistics Statistics { get; } = new(db, clock, "outbox", logger ?? (ILogger)Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

    /// <summary>Writes the rows in one statement (a sweep writes a thousand at a time); returns how many were new.</summary>
    public static async Task<int> EnqueueAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, IEnumerable<OutboxMessage> messages, CancellationToken ct)
    {
        var list = messages as IReadOnlyList<OutboxMessage> ?? messages.ToList();
        if (list.Count == 0) return 0;
        await using var batch = new NpgsqlBatch(conn, tx) { BatchCommands = { EnqueueCommand(list) } };
        return await batch.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The INSERT for <paramref name="messages"/> (at least one), to run in a batch; the loop ids are $7.</summary>
    private static NpgsqlBatchCommand EnqueueCommand(IReadOnlyList<OutboxMessage> messages)
    {
        // One row (a reply, the common case) needs no arrays on either side; several keep the
        // caller's order in the ids (WITH ORDINALITY), which the dispatcher sends by.
        var command = messages.Count == 1
            ? new NpgsqlBatchCommand(
                """
                INSERT INTO outbox (idempotency_key, recipient, kind, payload, not_before, replaces_key, loop_id)
                SELECT $1, $2, $3, $4, coalesce($5, now()), $6, $7
                ON CONFLICT (idempotency_key) DO NOTHING
                """)
            : new NpgsqlBatchCommand(
                """
                INSERT INTO outbox (idempotency_key, recipient, kind, payload, not_before, replaces_key, loop_id)
                SELECT m.key, m.recipient, m.kind, m.payload, coalesce(m.not_before, now()), m.replaces_key, m.loop_id
                FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[], $5::timestamptz[], $6::text[], $7::uuid[])
                    WITH ORDINALITY AS m(key, recipient, kind, payload, not_before, replaces_key, loop_id, n)
                ORDER BY m.n
                ON CONFLICT (idempotency_key) DO NOTHING
                """);
        if (messages.Count == 1)
        {
            var m = messages[0];
            command.Parameters.Add(new() { Value = m.Key, NpgsqlDbType = NpgsqlDbType.Text });
            command.Parameters.Add(new() { Value = m.Recipient, NpgsqlDbType = NpgsqlDbType.Text });
            command.Parameters.Add(new() { Value = m.Kind, NpgsqlDbType = NpgsqlDbType.Text });
            command.Parameters.Add(new() { Value = m.Data.ToJsonString(), NpgsqlDbType = NpgsqlDbType.Jsonb });
            command.Parameters.Add(new() { Value = (object?)m.NotBefore ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            command.Parameters.Add(new() { Value = (object?)m.ReplacesKey ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        }
        else
        {
            AddMessageArrays(command, messages);
        }
        command.Parameters.Add(messages.Count == 1
            ? new() { Value = (object?)messages[0].LoopId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid }
            : new() { Value = messages.Select(m => m.LoopId).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        return command;
    }

    /// <summary>
    /// Adds <paramref name="messages"/> as six array parameters, $1…$6 of an INSERT that unnests them:
    /// idempotency key, recipient, kind, payload (jsonb), not before, replaces key.
    /// </summary>
    public static void AddMessageArrays(NpgsqlBatchCommand command, IReadOnlyList<OutboxMessage> messages)
    {
        command.Parameters.Add(new() { Value = messages.Select(m => m.Key).ToArray() });
        command.Parameters.Add(new() { Value = messages.Select(m => m.Recipient).ToArray() });
        command.Parameters.Add(new() { Value = messages.Select(m => m.Kind).ToArray() });
        command.Parameters.Add(new() { Value = messages.Select(m => m.Data.ToJsonString()).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        command.Parameters.Add(new() { Value = messages.Select(m => m.NotBefore).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new() { Value = messages.Select(m => m.ReplacesKey).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
    }

    /// <summary>A LIKE pattern for <see cref="WithdrawAsync"/> that matches exactly <paramref name="key"/>.</summary>
    public static string Exactly(string key) => key.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");

    /// <summary>
    /// Withdraws messages not yet sent whose keys match one of <paramref name="keyPatterns"/> (SQL
    /// LIKE), in the caller's transaction, recording <paramref name="reason"/>. A row a dispatcher
    /// has claimed is withdrawn too, so a rate limit's put-back or a retry (both touch only rows
    /// still 'sending') cannot revive it; a send already under way (or about to start in the same
    /// batch, within seconds) still lands, and is then recorded as sent.
    /// </summary>
    public static async Task<int> WithdrawAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, IReadOnlyCollection<string> keyPatterns, string reason, CancellationToken ct)
    {
        if (keyPatterns.Count == 0) return 0;
        await using var cmd = new NpgsqlCommand(
            "UPDATE outbox SET status = 'failed', last_error = $2 WHERE status IN ('pending', 'sending') AND idempotency_key LIKE ANY($1)", conn, tx);
        cmd.Parameters.Add(new() { Value = keyPatterns.ToArray() });
        cmd.Parameters.Add(new() { Value = $"withdrawn: {reason}" });
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    public async Task<int> EnqueueAsync(IEnumerable<OutboxMessage> messages, CancellationToken ct)
    {
        await using var conn = await orgDb.OpenConnectionAsync(ct);
        return await EnqueueAsync(conn, null, messages, ct);
    }

    /// <summary>Takes up to <paramref name="max"/> due rows for <paramref name="lease"/>.</summary>
    /// <summary>The claim: the oldest due rows, FOR UPDATE SKIP LOCKED, leased to this claim ($1 now, $2 the lease's end, $3 at most).</summary>
    internal const string ClaimSql =
        """
        UPDATE outbox o SET status = 'sending', lease_until = $2, attempts = o.attempts + 1, claim_token = gen_random_uuid()
        WHERE o.id IN (
            SELECT c.id FROM outbox c
            WHERE c.not_before <= $1 AND (c.status = 'pending' OR (c.status = 'sending' AND c.lease_until < $1))
                -- not a recipient with a send under way: its rows go one at a time, in order
                AND NOT EXISTS (SELECT 1 FROM outbox s WHERE s.status = 'sending' AND s.recipient = c.recipient AND s.lease_until >= $1)
            ORDER BY c.not_before, c.id
            LIMIT $3
            FOR UPDATE SKIP LOCKED)
        RETURNING o.id, o.idempotency_key, o.recipient, o.kind, o.payload::text, o.attempts,
            (SELECT r.channel_ref::text FROM outbox r WHERE r.idempotency_key = o.replaces_key AND r.org_id = o.org_id AND r.status = 'sent'),
            o.claim_token, o.org_id
        """;

    public async Task<IReadOnlyList<Delivery>> ClaimAsync(int max, TimeSpan lease, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var batch = db.CreateClaimBatch(ClaimSql, out var cmd);
        cmd.Parameters.Add(new() { Value = now });
        cmd.Parameters.Add(new() { Value = now + lease });
        cmd.Parameters.Add(new() { Value = max });
        var claimed = new List<Delivery>();
        await using var reader = await batch.ExecuteQueueReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            claimed.Add(new Delivery(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                JsonNode.Parse(reader.GetString(4))!.AsObject(), reader.GetInt32(5),
                reader.IsDBNull(6) ? null : JsonNode.Parse(reader.GetString(6))?.AsObject(), reader.GetGuid(7), now, reader.GetGuid(8)));
        }
        return claimed.OrderBy(d => d.Id).ToList();
    }

    /// <summary>
    /// Extends the lease of a row this claim still holds, just before sending it; false means the
    /// lease ran out and another dispatcher took the row, so this one must not send it.
    /// </summary>
    public async Task<bool> RenewAsync(Delivery d, TimeSpan lease, CancellationToken ct) =>
        await db.ExecuteAsync("UPDATE outbox SET lease_until = $3 WHERE id = $1 AND claim_token = $2 AND (status = 'sending') IS TRUE",
            ct, d.Id, d.ClaimToken, clock.GetUtcNow() + lease) == 1;

    private readonly GroupCommit<SentMark, bool> _marks = new(marks => WriteMarksAsync(db, clock, marks));

    /// <summary>
    /// Records that <paramref name="d"/> was sent. Marks share statements
    /// (<see cref="GroupCommit{TItem, TResult}"/>), as accepted requests and finished inbox rows do:
    /// a busy dispatcher commits a dozen marks with one flush rather than one each. The task completes
    /// once this mark is committed (or fails with the write's error, for the caller to try again).
    /// Every outcome names the claim it belongs to: a stale dispatcher's mark changes nothing.
    /// </summary>
    public Task MarkSentAsync(Delivery d, string channel, JsonObject? reference, CancellationToken ct) =>
        _marks.AddAsync(new SentMark(d.Id, d.ClaimToken, channel, reference?.ToJsonString()), ct);

    private static async Task<IReadOnlyList<bool>> WriteMarksAsync(NpgsqlDataSource db, TimeProvider clock, IReadOnlyList<SentMark> marks)
    {
        await using var write = db.CreateQueueBatch();
        var cmd = new NpgsqlBatchCommand(
            """
            UPDATE outbox o SET status = 'sent', sent_at = $1, channel = m.channel, channel_ref = m.ref::jsonb, lease_until = NULL, last_error = NULL
            FROM unnest($2::bigint[], $3::uuid[], $4::text[], $5::text[]) AS m(id, token, channel, ref)
            WHERE o.id = ANY($2) AND o.id = m.id AND o.claim_token = m.token
            """);
        cmd.Parameters.Add(new() { Value = clock.GetUtcNow() });
        cmd.Parameters.Add(new() { Value = marks.Select(m => m.Id).ToArray() });
        cmd.Parameters.Add(new() { Value = marks.Select(m => m.ClaimToken).ToArray() });
        cmd.Parameters.Add(new() { Value = marks.Select(m => m.Channel).ToArray() });
        cmd.Parameters.Add(new() { Value = marks.Select(m => m.Reference).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        write.BatchCommands.Add(cmd);
        // o.id = ANY($2) lets the planner find the rows by key instead of scanning for the join.
        // Not cancellable: once sent, the outcome must be learnt.
        await write.ExecuteNonQueryAsync(CancellationToken.None);
        return marks.Select(_ => true).ToList();
    }

    private sealed record SentMark(long Id, Guid ClaimToken, string Channel, string? Reference);

    public Task MarkRetryAsync(Delivery d, TimeSpan after, string reason, CancellationToken ct) =>
        db.ExecuteAsync("UPDATE outbox SET status = 'pending', not_before = $3, last_error = $4, lease_until = NULL WHERE id = $1 AND claim_token = $2 AND (status = 'sending') IS TRUE",
            ct, d.Id, d.ClaimToken, clock.GetUtcNow() + after, reason);

    /// <summary>
    /// Puts rows back untried (rate-limiter waits, or a shutdown), each until its own time, in one
    /// statement: each claim's attempt is given back. A row withdrawn meanwhile (no longer
    /// 'sending') stays withdrawn.
    /// </summary>
    public async Task MarkDeferredAsync(IReadOnlyCollection<(Delivery Row, DateTimeOffset NotBefore)> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return;
        await using var cmd = db.CreateCommand(
            """
            UPDATE outbox o SET status = 'pending', not_before = d.not_before, attempts = greatest(o.attempts - 1, 0), lease_until = NULL
            FROM unnest($1::bigint[], $2::uuid[], $3::timestamptz[]) AS d(id, token, not_before)
            WHERE o.id = ANY($1) AND o.id = d.id AND o.claim_token = d.token AND (o.status = 'sending') IS TRUE
            """);
        cmd.Parameters.Add(new() { Value = rows.Select(r => r.Row.Id).ToArray() });
        cmd.Parameters.Add(new() { Value = rows.Select(r => r.Row.ClaimToken).ToArray() });
        cmd.Parameters.Add(new() { Value = rows.Select(r => r.NotBefore).ToArray() });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Marks a row failed and, in the same transaction, writes the reports of a message about a
    /// loop (<see cref="UndeliveredReports"/>). Returns how many reports were written.
    /// </summary>
    public async Task<int> MarkFailedAsync(Delivery d, string reason, CancellationToken ct)
    {
        using var scope = Organisations.OrgScope.Enter(d.OrgId);
        await using var conn = await orgDb.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        Guid? loopId;
        await using (var cmd = new NpgsqlCommand(
            "UPDATE outbox SET status = 'failed', last_error = $3, lease_until = NULL WHERE id = $1 AND claim_token = $2 AND (status = 'sending') IS TRUE RETURNING loop_id", conn, tx))
        {
            cmd.Parameters.Add(new() { Value = d.Id });
            cmd.Parameters.Add(new() { Value = d.ClaimToken });
            cmd.Parameters.Add(new() { Value = reason });
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct)) return 0; // no longer ours, or withdrawn meanwhile: nothing to report
            loopId = reader.IsDBNull(0) ? null : reader.GetGuid(0);
        }
        var reports = loopId is { } loop ? await UndeliveredReports.EnqueueAsync(conn, tx, loop, d, reason, ct) : 0;
        await tx.CommitAsync(ct);
        return reports;
    }

    /// <summary>One message that did not reach its person: withdrawn rows and the reports about failures are not listed.</summary>
    public sealed record Undelivered(string Recipient, string Kind, JsonObject Data, string Reason, string? DisplayName);

    /// <summary>The messages about <paramref name="loopId"/> that finally failed, oldest first.</summary>
    public async Task<IReadOnlyList<Undelivered>> UndeliveredAsync(Guid loopId, CancellationToken ct)
    {
        await using var cmd = orgDb.CreateCommand(
            """
            SELECT o.recipient, o.kind, o.payload::text, coalesce(o.last_error, ''),
                   (SELECT p.display_name FROM people p WHERE 'person:' || p.email = o.recipient)
            FROM outbox o
            WHERE o.loop_id = $1 AND o.status = 'failed' AND o.last_error NOT LIKE 'withdrawn:%' AND o.idempotency_key NOT LIKE $2
            ORDER BY o.id
            """);
        cmd.Parameters.Add(new() { Value = loopId });
        cmd.Parameters.Add(new() { Value = Exactly(UndeliveredReports.KeyPrefix) + "%" });
        var rows = new List<Undelivered>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            rows.Add(new Undelivered(reader.GetString(0), reader.GetString(1), JsonNode.Parse(reader.GetString(2))!.AsObject(), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4)));
        return rows;
    }

    /// <summary>
    /// Of <paramref name="emails"/>, those the bot could not reach the last time it tried (their
    /// latest finished direct message failed, not withdrawn), with the reason.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> UnreachableAsync(IReadOnlyCollection<string> emails, CancellationToken ct)
    {
        await using var cmd = orgDb.CreateCommand(
            """
            SELECT DISTINCT ON (o.recipient) o.recipient, o.status, coalesce(o.last_error, '')
            FROM outbox o
            WHERE o.recipient = ANY($1) AND (o.status = 'sent' OR o.status = 'failed' AND o.last_error NOT LIKE 'withdrawn:%')
            ORDER BY o.recipient, o.id DESC
            """);
        cmd.Parameters.Add(new() { Value = emails.Select(Recipients.Person).Distinct().ToArray() });
        var unreachable = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            if (reader.GetString(1) == "failed" && Recipients.TryPerson(reader.GetString(0), out var email))
                unreachable[email] = reader.GetString(2);
        return unreachable;
    }

    /// <summary>Pending rows and the age of the oldest, for metrics and status.</summary>
    public async Task<(long Depth, TimeSpan OldestAge)> DepthAsync(CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("SELECT count(*), min(not_before) FROM outbox WHERE status IN ('pending','sending') AND not_before <= $1");
        cmd.Parameters.Add(new() { Value = clock.GetUtcNow() });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var oldest = reader.IsDBNull(1) ? TimeSpan.Zero : clock.GetUtcNow() - reader.GetFieldValue<DateTimeOffset>(1);
        return (reader.GetInt64(0), oldest);
    }
}
