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
/// inherits the role or an organisation; each open sets both again (one round trip), so a pooled
/// connection never keeps the previous organisation.
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
            await using var set = new NpgsqlCommand("SELECT set_config('role', 'hirebot_org', false), set_config('hirebot.org_id', $1, false)", conn);
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
        await using var conn = await OpenConnectionAsync(ct);
        await using var batch = new NpgsqlBatch(conn);
        foreach (var c in commands) batch.BatchCommands.Add(c);
        if (batch.BatchCommands.Count > 0) await batch.ExecuteNonQueryAsync(ct);
    }
}

/// <summary>
/// A statement of <see cref="OrgDb.CreateCommand"/>: like a data source's command, it opens its
/// connection when run (bound to the organisation in scope then) and closes it when disposed.
/// </summary>
public sealed class OrgCommand(OrgDb db, string sql) : IAsyncDisposable
{
    private readonly NpgsqlCommand _command = new(sql);
    private NpgsqlConnection? _connection;

    public NpgsqlParameterCollection Parameters => _command.Parameters;

    public async Task<int> ExecuteNonQueryAsync(CancellationToken ct = default) => await (await OpenAsync(ct)).ExecuteNonQueryAsync(ct);

    public async Task<object?> ExecuteScalarAsync(CancellationToken ct = default) => await (await OpenAsync(ct)).ExecuteScalarAsync(ct);

    public async Task<NpgsqlDataReader> ExecuteReaderAsync(CancellationToken ct = default) => await (await OpenAsync(ct)).ExecuteReaderAsync(ct);

    private async Task<NpgsqlCommand> OpenAsync(CancellationToken ct)
    {
        if (_connection is not null) throw new InvalidOperationException("An OrgCommand runs once.");
        _connection = await db.OpenConnectionAsync(ct);
        _command.Connection = _connection;
        return _command;
    }

    public async ValueTask DisposeAsync()
    {
        await _command.DisposeAsync();
        if (_connection is not null) await _connection.DisposeAsync();
    }
}
