using Npgsql;

namespace HireBot.Organisations;

/// <summary>
/// The only way features reach hiring data: connections bound to the organisation in scope
/// (<see cref="OrgScope"/>). Every connection it hands out runs as the <c>hirebot_org</c> role
/// with <c>hirebot.org_id</c> set to that organisation, and PostgreSQL's row-level security
/// (migration 0010) shows and accepts only that organisation's rows; new rows take it as their
/// <c>org_id</c> by default.
/// <para>
/// Why row-level security rather than a WHERE in every query: a forgotten condition then returns
/// nothing instead of another organisation's candidates, and the SQL of the stores did not have to
/// change. Why a role switch: the table owner (and a superuser, which the tests and the embedded
/// cluster connect as) bypass row-level security, so the policy names <c>hirebot_org</c> and these
/// connections switch to it. They come from a pool of their own, so no plain connection ever
/// inherits the role or an organisation; each open sets both again, so a pooled connection never
/// keeps the previous organisation (a single statement carries the setting in its own round trip).
/// </para>
/// The plain <see cref="NpgsqlDataSource"/> remains for work that is across organisations by
/// nature and names its rows by id: claiming outbox and inbox rows, sweeps, migrations.
/// </summary>
public sealed class OrgDb(NpgsqlDataSource scoped)
{
    /// <summary>The pool OrgDb draws from, for the same connection string as the plain one.</summary>
    public static NpgsqlDataSource BuildPool(string connectionString) =>
        new NpgsqlDataSourceBuilder(new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true }.ConnectionString)
            { Name = "hirebot-org" }.Build();

    /// <summary>The organisation the next connection will be for (throws outside any).</summary>
    public Guid Org => OrgScope.Required;

    /// <summary>An open connection for the organisation in scope.</summary>
    public async ValueTask<NpgsqlConnection> OpenConnectionAsync(CancellationToken ct)
    {
        var org = OrgScope.Required;
        var conn = await scoped.OpenConnectionAsync(ct);
        try
        {
            await using var set = new NpgsqlCommand(BindSql, conn);
            set.Parameters.Add(new() { Value = org.ToString() });
            await set.ExecuteNonQueryAsync(ct);
            return conn;
        }
        catch
        {
            await conn.DisposeAsync();
            throw;
        }
    }

    private const string BindSql = "SELECT set_config('role', 'hirebot_org', false), set_config('hirebot.org_id', $1, false)";

    /// <summary>
    /// A connection not yet bound to an organisation, and the statement that binds it to the one in
    /// scope: it goes first in the batch of the statements to run, so binding costs no round trip of
    /// its own. Should the batch fail, its binding is rolled back with it; every open binds again.
    /// </summary>
    internal async ValueTask<(NpgsqlConnection Connection, NpgsqlBatchCommand Bind)> OpenUnboundAsync(CancellationToken ct)
    {
        var bind = new NpgsqlBatchCommand(BindSql) { Parameters = { new() { Value = OrgScope.Required.ToString() } } };
        return (await scoped.OpenConnectionAsync(ct), bind);
    }

    /// <summary>A single statement, run on its own connection for the organisation in scope.</summary>
    public OrgCommand CreateCommand(string sql) => new(this, sql);

    /// <summary>Runs one statement with positional parameters ($1, $2 …) and returns the rows it affected.</summary>
    public async Task<int> ExecuteAsync(string sql, CancellationToken ct, params object[] args)
    {
        await using var cmd = CreateCommand(sql);
        foreach (var a in args) cmd.Parameters.Add(new() { Value = a });
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Runs <paramref name="commands"/> as one batch (one implicit transaction) for the organisation in scope.</summary>
    public async Task ExecuteBatchAsync(IEnumerable<NpgsqlBatchCommand> commands, CancellationToken ct)
    {
        var (conn, bind) = await OpenUnboundAsync(ct);
        await using (conn)
        {
            await using var batch = new NpgsqlBatch(conn) { BatchCommands = { bind } };
            foreach (var c in commands) batch.BatchCommands.Add(c);
            if (batch.BatchCommands.Count > 1) await batch.ExecuteNonQueryAsync(ct);
        }
    }
}

/// <summary>
/// A statement of <see cref="OrgDb.CreateCommand"/>: like a data source's command, it opens its
/// connection when run (bound to the organisation in scope then, in the same round trip as the
/// statement) and closes it when disposed.
/// </summary>
public sealed class OrgCommand(OrgDb db, string sql) : IAsyncDisposable
{
    private readonly NpgsqlBatchCommand _command = new(sql);
    private NpgsqlConnection? _connection;
    private NpgsqlBatch? _batch;

    public NpgsqlParameterCollection Parameters => _command.Parameters;

    public async Task<int> ExecuteNonQueryAsync(CancellationToken ct = default)
    {
        await (await OpenAsync(ct)).ExecuteNonQueryAsync(ct);
        return _command.RecordsAffected;
    }

    public async Task<object?> ExecuteScalarAsync(CancellationToken ct = default)
    {
        await using var reader = await ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) && reader.FieldCount > 0 ? reader.GetValue(0) : null;
    }

    /// <summary>The statement's rows (the binding's result, which comes first, already skipped).</summary>
    public async Task<NpgsqlDataReader> ExecuteReaderAsync(CancellationToken ct = default)
    {
        var reader = await (await OpenAsync(ct)).ExecuteReaderAsync(ct);
        await reader.NextResultAsync(ct);
        return reader;
    }

    private async Task<NpgsqlBatch> OpenAsync(CancellationToken ct)
    {
        if (_connection is not null) throw new InvalidOperationException("An OrgCommand runs once.");
        var (connection, bind) = await db.OpenUnboundAsync(ct);
        _connection = connection;
        _batch = new NpgsqlBatch(connection) { BatchCommands = { bind, _command } };
        return _batch;
    }

    public async ValueTask DisposeAsync()
    {
        if (_batch is not null) await _batch.DisposeAsync();
        if (_connection is not null) await _connection.DisposeAsync();
    }
}
