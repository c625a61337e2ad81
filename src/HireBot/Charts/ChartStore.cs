using Npgsql;

namespace HireBot.Charts;

/// <summary>
/// Chart images in PostgreSQL (migration 0014): a digest's chart with its loop, so forgetting the
/// candidate (<c>CandidateEraser</c>, also run by retention) deletes it; a calibration chart with no
/// loop. Each row lives until its URL expires; saving a chart deletes the organisation's expired ones.
/// </summary>
public static class ChartStore
{
    public const string Digest = "digest";
    public const string Calibration = "calibration";

    /// <summary>Stores a chart on the caller's organisation connection (in its transaction, when given).</summary>
    public static async Task SaveAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, string id, string kind, Guid? loopId, byte[] png,
        DateTimeOffset now, DateTimeOffset expires, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(conn, tx);
        batch.BatchCommands.Add(Command("DELETE FROM charts WHERE expires_at <= $1", now));
        batch.BatchCommands.Add(Command("INSERT INTO charts (id, kind, loop_id, png, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)",
            id, kind, loopId is { } l ? l : DBNull.Value, png, now, expires));
        await batch.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// The image of a chart that has not expired, or null. Runs on the plain data source: the request
    /// carries no organisation, only the chart's unguessable id, whose signature the caller has
    /// checked already (like the outbox claim, it names one row by id).
    /// </summary>
    public static async Task<byte[]?> FindAsync(NpgsqlDataSource db, string id, DateTimeOffset now, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("SELECT png FROM charts WHERE id = $1 AND expires_at > $2");
        cmd.Parameters.Add(new() { Value = id });
        cmd.Parameters.Add(new() { Value = now });
        return await cmd.ExecuteScalarAsync(ct) as byte[];
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] args)
    {
        var c = new NpgsqlBatchCommand(sql);
        foreach (var a in args) c.Parameters.Add(new() { Value = a });
        return c;
    }
}
