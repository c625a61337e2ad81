using System.Globalization;
using System.Diagnostics;
using HireBot.Tests.Nudges;
using HireBot.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace HireBot.Bench;

/// <summary>
/// Issue 7, item 5: N reminders (default 10,000) due at the same instant across three hosts on
/// one embedded PostgreSQL, with the local channel paced like a platform rate limit (default
/// 500 messages/s for the cluster, split evenly between hosts). Reports time to drain against
/// the floor (messages ÷ rate), lag from due time to send at p50/p99, and duplicates. The reminders
/// are nudge_events rows; the hosts' one clustered sweep (every Nudges:SweepSeconds) delivers them.
/// Options: --count N, --rate R (cluster messages/s), --lead S (seconds from start to due time).
/// </summary>
public sealed class NudgeBench : IBenchScenario
{
    public string Name => "nudges";
    public string Description => "10,000 reminders due at once on three hosts with a channel rate limit: drain vs floor, lag, duplicates";

    public async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        int count = Option(args, "--count", 10_000), rate = Option(args, "--rate", 500), lead = Option(args, "--lead", 25);
        const int hosts = 3;
        var cs = await TestDatabase.CreateAsync("nudgebench");
        var apps = new List<WebApplication>();
        for (var i = 0; i < hosts; i++)
        {
            var app = await HireBotHost.BuildAsync([], new Dictionary<string, string?>
            {
                ["ConnectionStrings:HireBot"] = cs, ["urls"] = "http://127.0.0.1:0", ["BotEnvFile"] = "/nonexistent/bot.env",
                ["Logging:LogLevel:Default"] = "Warning", ["Outbox:PollMilliseconds"] = "50",
                ["Jobs:ClusterCheckinSeconds"] = "2", ["Local:MessagesPerSecond"] = (rate / (double)hosts).ToString(System.Globalization.CultureInfo.InvariantCulture),
            }, (services, _) => services.AddSingleton<TimeProvider>(TestClock.Shared), cancellationToken);
            await app.StartAsync(cancellationToken);
            apps.Add(app);
        }
        var db = apps[0].Services.GetRequiredService<NpgsqlDataSource>();
        var due = DateTimeOffset.UtcNow.AddSeconds(lead);
        due = new DateTimeOffset(due.Ticks - due.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
        Func<int, DateTimeOffset[]> plan = _ => [due];

        var watch = Stopwatch.StartNew();
        var (_, pairs) = await NudgeSeed.SeedAsync(db, "bench", count / 50, 50, plan);
        var seeded = watch.Elapsed;
        await NudgeSeed.ScheduleAsync(db, pairs, plan);
        var scheduled = watch.Elapsed;
        Console.WriteLine($"seeded {pairs.Count} plans in {seeded.TotalSeconds:0.0} s, wrote their events in {(scheduled - seeded).TotalSeconds:0.0} s; due at {due:HH:mm:ss} ({(due - DateTimeOffset.UtcNow).TotalSeconds:0.0} s from now)");
        if (due < DateTimeOffset.UtcNow) Console.WriteLine("warning: scheduling overran the due time; raise --lead");

        while (!cancellationToken.IsCancellationRequested)
        {
            var sent = await ScalarAsync(db, "SELECT count(*) FROM outbox WHERE idempotency_key LIKE 'nudge:%' AND status = 'sent'");
            if (sent >= pairs.Count || DateTimeOffset.UtcNow > due.AddMinutes(10)) break;
            await Task.Delay(500, cancellationToken);
        }
        await Task.Delay(3000, cancellationToken); // let a late duplicate show
        var lags = await LagsAsync(db, due, "sent_at");
        var written = await LagsAsync(db, due, "created_at");
        var duplicates = await ScalarAsync(db,
            "SELECT count(*) FROM (SELECT o.idempotency_key FROM local_messages m JOIN outbox o ON o.id = m.outbox_id GROUP BY 1 HAVING count(*) > 1) d");
        var delivered = await ScalarAsync(db, "SELECT count(DISTINCT m.outbox_id) FROM local_messages m JOIN outbox o ON o.id = m.outbox_id WHERE o.idempotency_key LIKE 'nudge:%'");
        var floor = pairs.Count / (double)rate;
        var drain = lags.Count == 0 ? double.NaN : lags[^1];

        Console.WriteLine();
        Console.WriteLine($"| {"metric",-34} | {"value",12} |");
        Console.WriteLine($"|{new string('-', 36)}|{new string('-', 14)}|");
        Row("reminders due", pairs.Count.ToString(CultureInfo.InvariantCulture));
        Row("hosts", hosts.ToString(CultureInfo.InvariantCulture));
        Row("channel rate limit (msg/s)", rate.ToString(CultureInfo.InvariantCulture));
        Row("floor: messages / rate (s)", $"{floor:0.00}");
        Row("time to drain from due (s)", $"{drain:0.00}");
        Row("drain / floor", $"{drain / floor:0.00}");
        Row("lag due->sent p50 (s)", $"{Percentile(lags, 0.50):0.00}");
        Row("lag due->sent p99 (s)", $"{Percentile(lags, 0.99):0.00}");
        Row("lag due->written p50 (s)", $"{Percentile(written, 0.50):0.00}");
        Row("lag due->written p99 (s)", $"{Percentile(written, 0.99):0.00}");
        Row("delivered (local channel)", delivered.ToString(CultureInfo.InvariantCulture));
        Row("lost", (pairs.Count - delivered).ToString(CultureInfo.InvariantCulture));
        Row("duplicates", duplicates.ToString(CultureInfo.InvariantCulture));

        foreach (var app in apps) { await app.StopAsync(CancellationToken.None); await app.DisposeAsync(); }
        static void Row(string name, string value) => Console.WriteLine($"| {name,-34} | {value,12} |");
    }

    /// <summary>Seconds from the due time to <paramref name="column"/> (sent_at: delivered; created_at: written by the sweep), sorted.</summary>
    private static async Task<List<double>> LagsAsync(NpgsqlDataSource db, DateTimeOffset due, string column)
    {
        await using var cmd = db.CreateCommand($"SELECT extract(epoch FROM {column} - $1)::float8 FROM outbox WHERE idempotency_key LIKE 'nudge:%' AND status = 'sent' ORDER BY 1");
        cmd.Parameters.Add(new() { Value = due });
        var lags = new List<double>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) lags.Add(reader.GetDouble(0));
        return lags;
    }

    private static async Task<long> ScalarAsync(NpgsqlDataSource db, string sql)
    {
        await using var cmd = db.CreateCommand(sql);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static double Percentile(List<double> sorted, double q) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var v) ? v : fallback;
    }
}
