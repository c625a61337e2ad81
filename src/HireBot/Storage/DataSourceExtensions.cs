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
}
