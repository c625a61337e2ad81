using HireBot.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace HireBot.Tests.Support;

/// <summary>
/// One throwaway PostgreSQL cluster per test run, started the way the bot starts its embedded
/// one, with migrations applied once to a template database. Each test class gets a fresh copy
/// (CREATE DATABASE … TEMPLATE), so classes never see each other's rows. Missing binaries fail
/// the run loudly rather than skipping: a test that needs PostgreSQL must not pass without it.
/// </summary>
public static class TestDatabase
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static EmbeddedPostgres? _server;
    private static int _counter;

    public static async Task<string> CreateAsync(string name)
    {
        await Gate.WaitAsync();
        try
        {
            if (_server is null)
            {
                RemoveLeftovers();
                var dir = Path.Combine(Path.GetTempPath(), $"hirebot-tests-{Environment.ProcessId}");
                _server = await EmbeddedPostgres.StartAsync(new DatabaseOptions { DataDirectory = dir, Throwaway = true }, NullLogger.Instance, default);
                AppDomain.CurrentDomain.ProcessExit += (_, _) =>
                {
                    _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
                    try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
                };
                await using var admin = NpgsqlDataSource.Create(_server.ConnectionString);
                await Exec(admin, "CREATE DATABASE hirebot_template");
                await using var template = NpgsqlDataSource.Create(Database(_server.ConnectionString, "hirebot_template"));
                await Migrator.MigrateAsync(template, NullLogger.Instance, default);
                NpgsqlConnection.ClearAllPools();
            }
            var db = $"t{Interlocked.Increment(ref _counter)}_{new string(name.Where(char.IsLetterOrDigit).Take(40).ToArray()).ToLowerInvariant()}";
            await using var source = NpgsqlDataSource.Create(_server.ConnectionString);
            await Exec(source, $"CREATE DATABASE {db} TEMPLATE hirebot_template");
            return Database(_server.ConnectionString, db);
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>A database of the test cluster with no schema at all (for migration tests).</summary>
    public static async Task<string> CreateEmptyAsync(string name)
    {
        var template = await CreateAsync(name); // starts the cluster if needed
        var empty = new NpgsqlConnectionStringBuilder(template).Database + "_empty";
        await using var source = NpgsqlDataSource.Create(_server!.ConnectionString);
        await Exec(source, $"CREATE DATABASE {empty}");
        return Database(_server.ConnectionString, empty);
    }

    /// <summary>
    /// Clusters of earlier runs whose test process is gone (killed, or exited before its exit
    /// handler finished): their servers have already stopped with their sessions or are stopped
    /// here, and their folders are removed so runs do not pile up data in the temp folder.
    /// </summary>
    private static void RemoveLeftovers()
    {
        foreach (var dir in Directory.GetDirectories(Path.GetTempPath(), "hirebot-tests-*"))
        {
            if (!int.TryParse(Path.GetFileName(dir)["hirebot-tests-".Length..], out var pid) || IsAlive(pid)) continue;
            var postmaster = Path.Combine(dir, "pg", "postmaster.pid");
            if (File.Exists(postmaster) && int.TryParse(File.ReadLines(postmaster).FirstOrDefault(), out var serverPid) && IsAlive(serverPid))
            {
                try { System.Diagnostics.Process.GetProcessById(serverPid).Kill(); } catch (InvalidOperationException) { } catch (ArgumentException) { }
            }
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static string Database(string cs, string db) => new NpgsqlConnectionStringBuilder(cs) { Database = db }.ConnectionString;

    private static async Task Exec(NpgsqlDataSource source, string sql)
    {
        await using var cmd = source.CreateCommand(sql);
        await cmd.ExecuteNonQueryAsync();
    }
}
