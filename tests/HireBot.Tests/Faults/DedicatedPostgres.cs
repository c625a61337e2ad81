using HireBot.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace HireBot.Tests.Faults;

/// <summary>
/// A PostgreSQL cluster of one test's own, in a temp folder, for faults that must not touch the
/// shared test cluster (restarting it would break every other test running beside).
/// </summary>
public sealed class DedicatedPostgres : IAsyncDisposable
{
    private readonly string _dir;

    public EmbeddedPostgres Server { get; }
    public string ConnectionString { get; }

    private DedicatedPostgres(string dir, EmbeddedPostgres server, string connectionString)
    {
        _dir = dir;
        Server = server;
        ConnectionString = connectionString;
    }

    public static async Task<DedicatedPostgres> StartAsync(string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"hirebot-{name}-{Guid.NewGuid():N}"[..40]);
        var server = await EmbeddedPostgres.StartAsync(new DatabaseOptions { DataDirectory = dir, Throwaway = true }, NullLogger.Instance, default);
        await using (var admin = NpgsqlDataSource.Create(server.ConnectionString))
        await using (var create = admin.CreateCommand("CREATE DATABASE hirebot"))
            await create.ExecuteNonQueryAsync();
        return new DedicatedPostgres(dir, server, new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = "hirebot" }.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await Server.DisposeAsync();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
