using Npgsql;

namespace HireBot.Storage;

public static class DataSourceExtensions
{
    /// <summary>Runs one statement with positional parameters ($1, $2 …) and returns the rows it affected.</summary>
    public static async Task<int> ExecuteAsync(this NpgsqlDataSource db, string sql, CancellationToken ct, params object[] args)
    {
        await using var cmd = db.CreateCommand(sql);
        foreach (var a in args) cmd.Parameters.Add(new() { Value = a });
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// A batch for the statements that move inbox and outbox rows (claims, finishes, sent marks),
    /// whose first statement tells the planner to use the queue tables' indexes for this transaction
    /// only. Left to itself it plans from statistics (and keeps prepared statements' generic plans)
    /// made while a queue was nearly empty, and a burst adds thousands of rows before autovacuum
    /// analyses again: the load bench saw claims read and sort every due row (350 ms a claim with
    /// 20,000 waiting) and sent marks and replies' inserts scan whole tables, where walking the due
    /// index in order or finding rows by key takes well under a millisecond.
    /// </summary>
    public static NpgsqlBatch CreateQueueBatch(this NpgsqlDataSource db)
    {
        var batch = db.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand(
            "SELECT set_config('enable_seqscan', 'off', true), set_config('enable_sort', 'off', true), set_config('enable_bitmapscan', 'off', true)"));
        return batch;
    }

    /// <summary>A queue claim (oldest due rows first, a batch at a time, FOR UPDATE SKIP LOCKED) in a <see cref="CreateQueueBatch"/>.</summary>
    public static NpgsqlBatch CreateClaimBatch(this NpgsqlDataSource db, string claimSql, out NpgsqlBatchCommand claim)
    {
        var batch = db.CreateQueueBatch();
        claim = new NpgsqlBatchCommand(claimSql);
        batch.BatchCommands.Add(claim);
        return batch;
    }

    /// <summary>Reads a <see cref="CreateQueueBatch"/>'s results from its second statement on (after the settings' one row).</summary>
    public static async Task<NpgsqlDataReader> ExecuteQueueReaderAsync(this NpgsqlBatch batch, CancellationToken ct)
    {
        var reader = await batch.ExecuteReaderAsync(ct);
        await reader.NextResultAsync(ct);
        return reader;
    }
}
