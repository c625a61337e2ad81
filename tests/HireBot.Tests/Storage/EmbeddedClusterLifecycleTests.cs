using System.Globalization;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using HireBot.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace HireBot.Tests.Storage;

/// <summary>
/// The private cluster of <c>dotnet run</c> never outlives the bot that owns it: a start that fails
/// stops it, and one left running by a killed bot is adopted by the next and stopped with it.
/// </summary>
public class EmbeddedClusterLifecycleTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"hirebot-lifecycle-{Guid.NewGuid():N}");

    [Fact]
    public async Task A_start_that_fails_on_a_taken_port_stops_the_cluster_it_started()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var app = await HireBotHost.BuildAsync([], new Dictionary<string, string?>
        {
            ["Database:DataDirectory"] = _dir, ["Database:Throwaway"] = "true",
            ["urls"] = $"http://127.0.0.1:{port}", ["BotEnvFile"] = "/nonexistent/bot.env", ["Logging:LogLevel:Default"] = "Warning",
        });
        var connectionString = app.Services.GetRequiredService<NpgsqlDataSource>().ConnectionString;

        var failure = await Assert.ThrowsAsync<IOException>(() => app.RunAsync());

        Assert.Contains("address already in use", failure.Message);
        Assert.False(File.Exists(Path.Combine(_dir, "pg", "postmaster.pid")), "the cluster is still running");
        await using var db = NpgsqlDataSource.Create(connectionString);
        await Assert.ThrowsAnyAsync<NpgsqlException>(async () => await db.OpenConnectionAsync());
    }

    [Fact]
    public async Task A_cluster_already_stopped_when_the_bot_exits_does_not_fail_the_exit()
    {
        var server = await EmbeddedPostgres.StartAsync(new DatabaseOptions { DataDirectory = _dir, Throwaway = true }, NullLogger.Instance, default);
        await server.StopServerAsync(default); // gone under the bot (killed, or stopped by someone else)
        Assert.False(File.Exists(Path.Combine(_dir, "pg", "postmaster.pid")));

        await server.DisposeAsync(); // used to throw: pg_ctl stop fails without a PID file

        Assert.False(File.Exists(Path.Combine(_dir, "owner.pid")));
    }

    [Fact]
    public async Task A_cluster_left_by_a_killed_bot_is_adopted_and_stopped_and_a_live_owners_is_only_shared()
    {
        var options = new DatabaseOptions { DataDirectory = _dir, Throwaway = true };
        var first = await EmbeddedPostgres.StartAsync(options, NullLogger.Instance, default);
        var running = Path.Combine(_dir, "pg", "postmaster.pid");
        Assert.True(File.Exists(running));

        // Another bot, still alive, started it: a second one shares it and leaves it running.
        using (var alive = Process.Start(new ProcessStartInfo("sleep", "30"))!)
        {
            await File.WriteAllTextAsync(Path.Combine(_dir, "owner.pid"), alive.Id.ToString(CultureInfo.InvariantCulture));
            var sharer = await EmbeddedPostgres.StartAsync(options, NullLogger.Instance, default);
            Assert.Equal(first.ConnectionString, sharer.ConnectionString);
            await sharer.DisposeAsync();
            Assert.True(File.Exists(running), "a bot that shares the cluster stopped it");
            alive.Kill();
            await alive.WaitForExitAsync();
        }

        // The owner is gone (killed): the next bot adopts the cluster and stops it when it stops.
        var adopter = await EmbeddedPostgres.StartAsync(options, NullLogger.Instance, default);
        await using (var db = NpgsqlDataSource.Create(adopter.ConnectionString))
        await using (var conn = await db.OpenConnectionAsync())
            Assert.Equal(1, await new NpgsqlCommand("SELECT 1", conn).ExecuteScalarAsync());
        await adopter.DisposeAsync();
        Assert.False(File.Exists(running), "the adopted cluster is still running");
    }

    public void Dispose()
    {
        if (File.Exists(Path.Combine(_dir, "pg", "postmaster.pid")))
            Process.Start(new ProcessStartInfo("pg_ctl") { ArgumentList = { "-D", Path.Combine(_dir, "pg"), "-m", "immediate", "stop" } })?.WaitForExit();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
