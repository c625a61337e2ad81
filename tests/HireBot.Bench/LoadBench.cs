using System.Diagnostics;
using System.Globalization;
using HireBot.Bench.Load;
using HireBot.Storage;
using HireBot.Tests.Fakes;
using HireBot.Tests.Faults;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace HireBot.Bench;

/// <summary>
/// Issue 14, items 9 and 10: the bot as users run it, measured beside PostgreSQL's own insert rate.
/// The embedded cluster is started exactly as <c>dotnet run --project src/HireBot</c> starts it
/// (durable: fsync and synchronous commit on); the bot runs as its own process on it (see
/// <see cref="BotProcess"/>), with Slack and Teams pointed at loopback fakes in this process.
/// Phases: start until <c>/readyz</c> answers 200; the first seconds after ready at a modest rate
/// (cold start); a warm-up; an open loop of the mix (Slack commands and block actions, Teams
/// messages and invokes, a quarter each) with an empty GET alongside as a probe: acknowledgement
/// latency per kind, and the time from each request to its reply arriving at the fake platform;
/// a closed loop of the mix (saturation throughput); each kind alone; the bot's memory idle and
/// under load; then pgbench's single-row insert rate on the same cluster. Ends with one markdown table.
/// Options: --quick (a smoke run of a few seconds per phase), --rate 500 --seconds 30 --probe-rate 50
/// --cold-rate 200 --cold-seconds 10 --warmup 10 --clients 32 --saturate 15 --per-kind 5 --users 300
/// --tenants 10 --pg-clients 8 --pg-threads 2 --pg-seconds 15 --fsync on|off (off: a throwaway
/// cluster, for comparison only).
/// </summary>
public sealed class LoadBench : IBenchScenario
{
    public string Name => "load";
    public string Description => "the bot as users run it (durable embedded cluster, own process): ack and delivered-reply latency, saturation vs pgbench, RSS, cold start";

    private static readonly string[] Commands = ["role list", "status", "help", "candidate list"];
    private static readonly string[] Mix = ["command", "action", "message", "invoke"];
    private static readonly (string Kind, string Label)[] Kinds =
        [("command", "Slack command"), ("action", "Slack action"), ("message", "Teams message"), ("invoke", "Teams invoke"), ("healthz", "empty GET")];

    public async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var quick = args.Contains("--quick");
        int Opt(string name, int full, int smoke) => Option(args, name, quick ? smoke : full);
        int rate = Opt("--rate", 500, 500), seconds = Opt("--seconds", 30, 3), probeRate = Opt("--probe-rate", 50, 50);
        int coldRate = Opt("--cold-rate", 200, 200), coldSeconds = Opt("--cold-seconds", 10, 3), warmup = Opt("--warmup", 10, 2);
        int clients = Opt("--clients", 32, 32), saturate = Opt("--saturate", 15, 3), perKind = Opt("--per-kind", 5, 1);
        int users = Opt("--users", 300, 300), tenants = Opt("--tenants", 10, 10);
        int pgClients = Opt("--pg-clients", 8, 8), pgThreads = Opt("--pg-threads", 2, 2), pgSeconds = Opt("--pg-seconds", 15, 3);
        var durable = Text(args, "--fsync", "on") != "off";
        var total = Stopwatch.StartNew();

        var dir = Path.Combine(Path.GetTempPath(), $"hirebot-load-{Environment.ProcessId}");
        // The bench starts the cluster (so pgbench can use it after the bot has stopped); the bot finds it
        // running and uses it as `dotnet run` would its own: same initdb, same settings, database "hirebot".
        var pg = await EmbeddedPostgres.StartAsync(new DatabaseOptions { DataDirectory = dir, Throwaway = !durable }, NullLogger.Instance, cancellationToken);
        try
        {
            await using var slack = await FakeSlack.StartAsync();
            await using var entra = await FakeEntra.StartAsync();
            await using var connector = await FakeBotConnector.StartAsync();
            var platform = new PlatformTraffic(slack, entra, connector);
            platform.AddSlackUsers(users);
            var traffic = new BenchTraffic(platform, slack, connector, tenants);
            var replies = new Replies(slack, connector);

            var settings = platform.Settings();
            settings["Teams:AllowedTenantIds"] = string.Join(",", traffic.Tenants);
            settings["Database:DataDirectory"] = dir;
            settings["urls"] = "http://127.0.0.1:0";
            settings["BotEnvFile"] = "/nonexistent/bot.env";
            settings["Logging:LogLevel:Default"] = "Warning";
            settings["Logging:LogLevel:HireBot.Outbox.OutboxDispatcher"] = "Error"; // summarised below instead

            using var stopCollecting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var collecting = CollectAsync(replies, stopCollecting.Token);

            var startedAt = Stopwatch.StartNew();
            await using var bot = await BotProcess.StartAsync(settings, LoopbackCertificate.Certificate.GetCertHashString(), cancellationToken);
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2) })
            {
                BaseAddress = bot.Address, Timeout = Timeout.InfiniteTimeSpan,
            };
            await BotProcess.WaitReadyAsync(http, cancellationToken);
            var readyAfter = startedAt.Elapsed;
            var rssReady = bot.RssMiB();
            Console.WriteLine($"bot pid {bot.Id} at {bot.Address}: ready {readyAfter.TotalSeconds:0.0} s after start, RSS {rssReady:0} MiB; " +
                $"PostgreSQL {(durable ? "durable (fsync on)" : "throwaway (fsync off)")}, {Environment.ProcessorCount} cores");
            using var rss = new RssPeak(bot);

            LoadDriver Driver(string phase, string[] kinds, Replies? timed) =>
                new(http, i => Make(traffic, phase, kinds[i % kinds.Length], i, i / kinds.Length, users), timed);
            async Task<(LoadResult Mix, LoadResult Probe, Dictionary<string, DeliveryFigures> Delivered)> OpenAsync(string phase, int r, int s)
            {
                var mix = Driver(phase, Mix, replies).OpenLoopAsync(r, TimeSpan.FromSeconds(s), 4000, cancellationToken);
                var probe = Driver(phase + "p", ["healthz"], null).OpenLoopAsync(probeRate, TimeSpan.FromSeconds(s), 1000, cancellationToken);
                var (m, p) = (await mix, await probe);
                return (m, p, await replies.SettleAsync(TimeSpan.FromSeconds(60), cancellationToken));
            }

            var cold = await OpenAsync("cold", coldRate, coldSeconds);
            cold.Mix.Print($"first {coldSeconds} s after ready, {coldRate} req/s");
            var rssCold = rss.TakePeak();
            (await Driver("warm", Mix, null).OpenLoopAsync(Math.Min(rate, 200), TimeSpan.FromSeconds(warmup), 2000, cancellationToken)).Print($"warm-up {warmup} s");
            rss.TakePeak();
            var open = await OpenAsync("open", rate, seconds);
            open.Mix.Print($"open loop {rate} req/s for {seconds} s");
            var rssOpen = rss.TakePeak();
            var closed = await Driver("sat", Mix, null).ClosedLoopAsync(clients, TimeSpan.FromSeconds(saturate), cancellationToken);
            closed.Print($"closed loop, {clients} clients for {saturate} s");
            var rssSaturated = rss.TakePeak();
            var alone = new Dictionary<string, LoadResult>();
            foreach (var (kind, _) in perKind > 0 ? Kinds : [])
            {
                alone[kind] = await Driver("alone" + kind, [kind], null).ClosedLoopAsync(clients, TimeSpan.FromSeconds(perKind), cancellationToken);
                Console.WriteLine($"  alone: {kind,-8} {alone[kind].Throughput,7:0} ok/s  p99 {alone[kind].Percentile(null, 0.99):0.0} ms  failures {alone[kind].Failures}");
            }
            rss.TakePeak();
            await replies.SettleAsync(TimeSpan.FromSeconds(30), cancellationToken); // let the backlog run before measuring idle memory
            await Task.Delay(TimeSpan.FromSeconds(quick ? 1 : 5), cancellationToken);
            var rssAfter = bot.RssMiB();
            await stopCollecting.CancelAsync();
            await collecting;
            await bot.DisposeAsync();
            await PrintOutboxAsync(new NpgsqlConnectionStringBuilder(pg.ConnectionString) { Database = "hirebot" }.ConnectionString, cancellationToken);

            var tps = await PgBench.InsertTpsAsync(pg.ConnectionString, pgClients, pgThreads, pgSeconds, cancellationToken);
            Console.WriteLine($"pgbench single-row INSERT, -c {pgClients} -j {pgThreads} -T {pgSeconds}: {tps:0} tps");
            Console.WriteLine($"whole run {total.Elapsed.TotalSeconds:0} s{(quick ? " (--quick: a smoke run, not a measurement)" : "")}");
            Console.WriteLine();
            PrintTable(new Figures(rate, seconds, coldRate, coldSeconds, clients, saturate, perKind, durable, tps, pgClients, pgThreads, pgSeconds,
                cold, open, closed, alone, readyAfter, rssReady, rssCold, rssOpen, rssSaturated, rssAfter));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await pg.DisposeAsync();
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private sealed record Figures(
        int Rate, int Seconds, int ColdRate, int ColdSeconds, int Clients, int Saturate, int PerKind, bool Durable, double Tps, int PgClients, int PgThreads, int PgSeconds,
        (LoadResult Mix, LoadResult Probe, Dictionary<string, DeliveryFigures> Delivered) Cold,
        (LoadResult Mix, LoadResult Probe, Dictionary<string, DeliveryFigures> Delivered) Open,
        LoadResult Closed, Dictionary<string, LoadResult> Alone,
        TimeSpan ReadyAfter, double RssReady, double RssCold, double RssOpen, double RssSaturated, double RssAfter);

    /// <summary>The one table for the README: kinds as columns, then the run's whole-bot figures, then the targets.</summary>
    private static void PrintTable(Figures f)
    {
        static string Ms(double v) => double.IsNaN(v) ? "–" : v < 10 ? v.ToString("0.0", CultureInfo.InvariantCulture) + " ms" : v < 10_000 ? v.ToString("0", CultureInfo.InvariantCulture) + " ms" : (v / 1000).ToString("0.0", CultureInfo.InvariantCulture) + " s";
        LoadResult Of((LoadResult Mix, LoadResult Probe, Dictionary<string, DeliveryFigures> D) phase, string kind) => kind == "healthz" ? phase.Probe : phase.Mix;
        string Delivered((LoadResult, LoadResult, Dictionary<string, DeliveryFigures> D) phase, string kind, double q) =>
            kind == "healthz" ? "–" : phase.D.TryGetValue(kind, out var d) ? Ms(d.Percentile(q)) : "–";
        var cluster = f.Durable ? "durable cluster" : "fsync-off cluster";
        Console.WriteLine($"| {cluster}, 2 cores shared | {string.Join(" | ", Kinds.Select(k => k.Label))} |");
        Console.WriteLine($"| --- |{string.Concat(Kinds.Select(_ => " --- |"))}");
        void Row(string label, Func<string, string> cell) => Console.WriteLine($"| {label} | {string.Join(" | ", Kinds.Select(k => cell(k.Kind)))} |");
        Row($"ack p50 at {f.Rate} req/s (GET: probe at its own rate)", k => Ms(Of(f.Open, k).Percentile(k, 0.5)));
        Row($"ack p99 at {f.Rate} req/s", k => Ms(Of(f.Open, k).Percentile(k, 0.99)));
        Row("request → reply delivered, p50", k => Delivered(f.Open, k, 0.5));
        Row("request → reply delivered, p99", k => Delivered(f.Open, k, 0.99));
        Row("failed acks / replies never delivered", k => $"{Of(f.Open, k).FailuresOf(k)} / {(k == "healthz" ? "–" : f.Open.Delivered.GetValueOrDefault(k)?.Undelivered.ToString(CultureInfo.InvariantCulture) ?? "–")}");
        Row($"alone, closed loop {f.Clients} clients: ok/s", k => f.Alone.TryGetValue(k, out var r) ? r.Throughput.ToString("#,0", CultureInfo.InvariantCulture) : "–");
        Row("alone ÷ pgbench", k => f.Alone.TryGetValue(k, out var r) ? (r.Throughput / f.Tps).ToString("0.00", CultureInfo.InvariantCulture) : "–");
        Row($"first {f.ColdSeconds} s after ready, {f.ColdRate} req/s: ack p99", k => Ms(Of(f.Cold, k).Percentile(k, 0.99)));
        Row($"first {f.ColdSeconds} s after ready: delivered p99", k => Delivered(f.Cold, k, 0.99));
        void Whole(string label, string value) => Console.WriteLine($"| {label} | {value} |{string.Concat(Kinds.Skip(1).Select(_ => " |"))}");
        Whole($"pgbench single-row INSERT, same cluster, -c {f.PgClients} -j {f.PgThreads} -T {f.PgSeconds}", $"{f.Tps:#,0} tps");
        Whole($"the mix saturated, closed loop {f.Clients} clients {f.Saturate} s", $"{f.Closed.Throughput:#,0} ok/s = {f.Closed.Throughput / f.Tps:0.00} × pgbench (p99 {Ms(f.Closed.Percentile(null, 0.99))}, failures {f.Closed.Failures})");
        Whole("bot process RSS: idle at ready / peak cold / peak open loop / peak saturated / idle after", $"{f.RssReady:0} / {f.RssCold:0} / {f.RssOpen:0} / {f.RssSaturated:0} / {f.RssAfter:0} MiB");
        Whole("start → /readyz 200", $"{f.ReadyAfter.TotalSeconds:0.0} s");

        var ackP99 = f.Open.Mix.Percentile(null, 0.99);
        var failures = f.Open.Mix.Failures;
        var delivered = f.Open.Delivered.Values.SelectMany(d => d.Latencies).Order().ToList();
        var deliveredP99 = new DeliveryFigures(delivered, 0).Percentile(0.99);
        var undelivered = f.Open.Delivered.Values.Sum(d => d.Undelivered);
        var coldP99 = f.Cold.Mix.Percentile(null, 0.99);
        static string Verdict(bool held) => held ? "**held**" : "**missed**";
        Console.WriteLine();
        Console.WriteLine($"- p99 ack < 50 ms at {f.Rate} req/s, zero failures: {Verdict(ackP99 < 50 && failures == 0)} (p99 {Ms(ackP99)} over the mix, {failures} failures)");
        Console.WriteLine($"- mix saturation ≥ 0.5 × pgbench: {Verdict(f.Closed.Throughput >= f.Tps / 2)} ({f.Closed.Throughput:#,0} ÷ {f.Tps:#,0} = {f.Closed.Throughput / f.Tps:0.00})");
        Console.WriteLine($"- p99 request → delivered reply < 1 s at {f.Rate} req/s: {Verdict(deliveredP99 < 1000 && undelivered == 0)} (p99 {Ms(deliveredP99)}, {undelivered} never delivered)");
        Console.WriteLine($"- first {f.ColdSeconds} s after ready at {f.ColdRate} req/s, p99 ack < 1 s: {Verdict(coldP99 < 1000 && f.Cold.Mix.Failures == 0)} (p99 {Ms(coldP99)}, {f.Cold.Mix.Failures} failures)");
    }

    /// <summary>Request <paramref name="i"/> of a phase: <paramref name="n"/>-th of its kind, spread over <paramref name="users"/> people.</summary>
    private static LoadRequest Make(BenchTraffic traffic, string phase, string kind, long i, long n, int users)
    {
        var user = (int)(n % users);
        var command = Commands[n / users % Commands.Length];
        var id = $"{phase}-{i}";
        return kind switch
        {
            "command" => new(kind, traffic.SlackCommand(user, command, id), id),
            "action" => new(kind, traffic.SlackAction(user, "load.ping", id), id),
            "message" => new(kind, traffic.TeamsMessage(user, phase, command, id), BenchTraffic.Conversation(user, phase)),
            // An invoke is answered in its response; its own conversation keeps anything else it posts out of the messages' order.
            "invoke" => new(kind, traffic.TeamsInvoke(user, phase + "i", "load.ping", id)),
            "healthz" => new(kind, new HttpRequestMessage(HttpMethod.Get, "/healthz")),
            var other => throw new ArgumentException($"unknown kind '{other}' (command, action, message, invoke, healthz)"),
        };
    }

    private static async Task CollectAsync(Replies replies, CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                replies.Collect();
                await Task.Delay(20, ct);
            }
        }
        catch (OperationCanceledException) { }
    }

    /// <summary>The highest RSS of the bot sampled every 100 ms since the last <see cref="TakePeak"/>.</summary>
    private sealed class RssPeak : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private double _peak;

        public RssPeak(BotProcess bot) => _ = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                var now = bot.RssMiB();
                lock (_stop) _peak = Math.Max(_peak, now);
                try { await Task.Delay(100, _stop.Token); } catch (OperationCanceledException) { }
            }
        });

        public double TakePeak()
        {
            lock (_stop)
            {
                var peak = _peak;
                _peak = 0;
                return peak;
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _stop.Dispose();
        }
    }

    /// <summary>What became of the replies written to the outbox.</summary>
    private static async Task PrintOutboxAsync(string connectionString, CancellationToken ct)
    {
        await using var db = NpgsqlDataSource.Create(connectionString);
        await using var cmd = db.CreateCommand("SELECT status, coalesce(last_error, ''), count(*) FROM outbox GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 5");
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var parts = new List<string>();
        while (await reader.ReadAsync(ct)) parts.Add($"{reader.GetString(0)} {reader.GetInt64(2)}{(reader.GetString(1) is { Length: > 0 } e ? $" ({e})" : "")}");
        Console.WriteLine("outbox at stop: " + string.Join("; ", parts));
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
