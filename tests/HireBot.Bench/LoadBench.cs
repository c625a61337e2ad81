using HireBot.Tests.Support;
using HireBot.Bench.Load;
using HireBot.Inbox;
using HireBot.Storage;
using HireBot.Tests.Fakes;
using HireBot.Tests.Faults;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace HireBot.Bench;

/// <summary>
/// Issue 8, item 2: the real host on loopback over its own throwaway PostgreSQL, Slack and Teams
/// pointed at loopback fakes, driven by signed Slack commands and block actions and authenticated
/// Teams messages and invokes. Phases: warm-up; open loop at a fixed rate (acknowledgement latency
/// per platform, measured by the client); closed loop with N clients (saturation throughput);
/// then each kind alone in a short closed loop, beside the same loop on <c>GET /healthz</c> (the
/// HTTP ceiling of this machine: no body, no verification, no database); the time the inbox
/// worker then needs to run the Teams messages acknowledged but not yet processed; then
/// pgbench's single-row insert rate on the same cluster, and the targets checked.
/// Options: --rate 500 --seconds 20 --warmup 6 --clients 32 --saturate 10 --per-kind 5 --users 300
/// --pg-clients 8 --pg-threads 2 --pg-seconds 15 --mix command,action,message,invoke.
/// </summary>
public sealed class LoadBench : IBenchScenario
{
    public string Name => "load";
    public string Description => "bot ack latency and throughput (Slack + Teams over loopback) beside pgbench insert tps";

    private static readonly string[] Commands = ["role list", "status", "help", "candidate list"];

    public async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        int rate = Option(args, "--rate", 500), seconds = Option(args, "--seconds", 20), warmup = Option(args, "--warmup", 6);
        int clients = Option(args, "--clients", 32), saturate = Option(args, "--saturate", 10), users = Option(args, "--users", 300);
        int pgClients = Option(args, "--pg-clients", 8), pgThreads = Option(args, "--pg-threads", 2), pgSeconds = Option(args, "--pg-seconds", 15);
        var kinds = Text(args, "--mix", "command,action,message,invoke").Split(',', StringSplitOptions.RemoveEmptyEntries);
        var perKind = Option(args, "--per-kind", 5);

        var dir = Path.Combine(Path.GetTempPath(), $"hirebot-load-{Environment.ProcessId}");
        var pg = await EmbeddedPostgres.StartAsync(new DatabaseOptions { DataDirectory = dir, Throwaway = true }, NullLogger.Instance, cancellationToken);
        try
        {
            var connectionString = await CreateDatabaseAsync(pg.ConnectionString, "hirebot_load", cancellationToken);
            await using var slack = await FakeSlack.StartAsync();
            await using var entra = await FakeEntra.StartAsync();
            await using var connector = await FakeBotConnector.StartAsync();
            var traffic = new PlatformTraffic(slack, entra, connector);
            traffic.AddSlackUsers(users);

            var settings = traffic.Settings();
            settings["ConnectionStrings:HireBot"] = connectionString;
            settings["urls"] = "http://127.0.0.1:0";
            settings["BotEnvFile"] = "/nonexistent/bot.env";
            settings["Logging:LogLevel:Default"] = "Warning";
            settings["Logging:LogLevel:HireBot.Outbox.OutboxDispatcher"] = "Error"; // summarised below instead
            await using var app = await HireBotHost.BuildAsync([], settings, (services, configuration) =>
            {
                services.AddSingleton<TimeProvider>(TestClock.Shared); // the clock the load's signatures and tokens are stamped with
                PlatformTraffic.TrustFakeEntra(services, configuration);
            }, cancellationToken);
            await app.StartAsync(cancellationToken);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2) })
            {
                BaseAddress = new Uri(address), Timeout = Timeout.InfiniteTimeSpan,
            };
            var runId = Guid.NewGuid().ToString("N")[..8];
            var templates = new RequestTemplates(TestClock.Shared);
            var driver = new LoadDriver(http, i => Mix(traffic, templates, runId, kinds, i, users));
            Console.WriteLine($"host {address}, PostgreSQL {pg.ConnectionString.Split(';').First(p => p.StartsWith("Port", StringComparison.OrdinalIgnoreCase))}, " +
                $"{Environment.ProcessorCount} cores, mix in turn: {string.Join(", ", kinds)}");

            (await driver.OpenLoopAsync(Math.Min(rate, 200), TimeSpan.FromSeconds(warmup), 2000, cancellationToken)).Print($"warm-up {warmup} s");
            var open = await driver.OpenLoopAsync(rate, TimeSpan.FromSeconds(seconds), 4000, cancellationToken);
            open.Print($"open loop {rate} req/s for {seconds} s");
            var closed = await driver.ClosedLoopAsync(clients, TimeSpan.FromSeconds(saturate), cancellationToken);
            closed.Print($"closed loop, {clients} clients for {saturate} s");
            var alone = new List<(string Kind, double Throughput)>();
            foreach (var kind in perKind > 0 ? new[] { "healthz", "action", "invoke", "command", "message" } : [])
            {
                var single = new LoadDriver(http, i => Mix(traffic, templates, $"{runId}{kind}", [kind], i, users));
                var result = await single.ClosedLoopAsync(clients, TimeSpan.FromSeconds(perKind), cancellationToken);
                Console.WriteLine($"  alone: {kind,-8} {result.Throughput,7:0} ok/s  p50 {result.Percentile(null, 0.5):0.0} ms  p99 {result.Percentile(null, 0.99):0.0} ms  failures {result.Failures}");
                alone.Add((kind, result.Throughput));
            }
            await PrintInboxDrainAsync(app.Services.GetRequiredService<InboxStore>(), cancellationToken);
            await app.StopAsync(cancellationToken);
            await PrintOutboxAsync(connectionString, cancellationToken);

            var tps = await PgBench.InsertTpsAsync(pg.ConnectionString, pgClients, pgThreads, pgSeconds, cancellationToken);
            Console.WriteLine($"pgbench single-row INSERT, -c {pgClients} -j {pgThreads} -T {pgSeconds}: {tps:0} tps");

            var p99 = open.Percentile(null, 0.99);
            Console.WriteLine($"open loop: {open.Throughput:0} ok/s ÷ pgbench {tps:0} = {open.Throughput / tps:0.00} (capped by the offered {rate} req/s)");
            Console.WriteLine($"saturation: {closed.Throughput:0} ok/s ÷ pgbench {tps:0} = {closed.Throughput / tps:0.00}");
            foreach (var (kind, throughput) in alone)
                Console.WriteLine($"  alone: {kind,-8} {throughput / tps:0.00} of pgbench");
            Console.WriteLine($"target p99 < 50 ms at {rate} req/s: {(p99 < 50 && open.Failures == 0 ? "HOLDS" : "MISSED")} (p99 {p99:0.0} ms, failures {open.Failures})");
            Console.WriteLine($"target throughput >= half of pgbench: {(closed.Throughput >= tps / 2 ? "HOLDS" : "MISSED")} ({closed.Throughput:0} vs {tps / 2:0})");
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await pg.DisposeAsync();
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>Request i of the mix: the four kinds in turn, spread over <paramref name="users"/> people.</summary>
    private static LoadRequest Mix(PlatformTraffic traffic, RequestTemplates templates, string runId, string[] kinds, long i, int users)
    {
        var round = i / kinds.Length;
        var user = (int)(round % users);
        var command = Commands[round % Commands.Length];
        var id = $"load-{runId}-{i}";
        return kinds[i % kinds.Length] switch
        {
            "command" => new("slack", templates.Make($"c{user}|{command}", _ => traffic.SlackCommand(user, command))),
            "action" => new("slack", templates.Make($"a{user}", _ => PlatformTraffic.SlackBlockAction(user, "load.ping"))),
            "message" => new("teams", templates.Make($"m{user}|{command}", marker => traffic.TeamsMessage(user, command, marker), id)),
            "invoke" => new("teams", templates.Make($"i{user}", marker => traffic.TeamsInvoke(user, "load.ping", marker), id)),
            "healthz" => new("http", new HttpRequestMessage(HttpMethod.Get, "/healthz")),
            var other => throw new ArgumentException($"--mix: unknown kind '{other}' (command, action, message, invoke, healthz)"),
        };
    }

    /// <summary>
    /// Teams messages are acknowledged once stored and run by the inbox worker: how many were still
    /// waiting when the load stopped, and how fast the worker got through them (processing
    /// throughput, as opposed to acknowledgement throughput).
    /// </summary>
    private static async Task PrintInboxDrainAsync(InboxStore inbox, CancellationToken ct)
    {
        var (waiting, oldest) = await inbox.DepthAsync(ct);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var left = waiting;
        while (left > 0 && clock.Elapsed < TimeSpan.FromMinutes(3))
        {
            await Task.Delay(200, ct);
            left = (await inbox.DepthAsync(ct)).Depth;
        }
        Console.WriteLine(waiting == 0
            ? "inbox: nothing waiting when the load stopped"
            : $"inbox: {waiting} acknowledged messages waiting when the load stopped (oldest {oldest.TotalSeconds:0.0} s); " +
              $"{waiting - left} run in {clock.Elapsed.TotalSeconds:0.0} s with no new load ({(waiting - left) / clock.Elapsed.TotalSeconds:0}/s), {left} left");
    }

    /// <summary>Teams message replies go through the outbox: what became of them (the limiter models Teams' per-tenant limits).</summary>
    private static async Task PrintOutboxAsync(string connectionString, CancellationToken ct)
    {
        await using var db = NpgsqlDataSource.Create(connectionString);
        await using var cmd = db.CreateCommand("SELECT status, coalesce(last_error, ''), count(*) FROM outbox GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 5");
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var parts = new List<string>();
        while (await reader.ReadAsync(ct)) parts.Add($"{reader.GetString(0)} {reader.GetInt64(2)}{(reader.GetString(1) is { Length: > 0 } e ? $" ({e})" : "")}");
        Console.WriteLine("outbox (Teams replies) at stop: " + string.Join("; ", parts));
    }

    private static async Task<string> CreateDatabaseAsync(string adminConnectionString, string name, CancellationToken ct)
    {
        await using (var admin = NpgsqlDataSource.Create(adminConnectionString))
        {
            await using var cmd = admin.CreateCommand($"DROP DATABASE IF EXISTS {name}; CREATE DATABASE {name}");
            await cmd.ExecuteNonQueryAsync(ct);
        }
        return new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name }.ConnectionString;
    }

    private static string Text(string[] args, string name, string fallback)
    {
        int at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        int at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], out var v) ? v : fallback;
    }
}
