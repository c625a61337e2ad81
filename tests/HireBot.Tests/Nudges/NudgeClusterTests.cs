using System.Globalization;
using Xunit.Abstractions;
using HireBot.Tests.Support;
using Npgsql;

namespace HireBot.Tests.Nudges;

/// <summary>
/// Three real hosts on one PostgreSQL, reminders due across all of them, one host stopped
/// abruptly while they fire. Counted where the local channel delivers (local_messages).
/// </summary>
public sealed class NudgeClusterTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Jobs:ClusterCheckinSeconds"] = "1",
        ["Outbox:LeaseSeconds"] = "3",
    };

    [Fact]
    public async Task Every_reminder_is_delivered_once_when_a_node_dies_mid_run()
    {
        var connectionString = await TestDatabase.CreateAsync(nameof(NudgeClusterTests));
        var a = await BotApp.StartAsync("a", Settings, connectionString);
        var b = await BotApp.StartAsync("b", Settings, connectionString);
        var c = await BotApp.StartAsync("c", Settings, connectionString);
        try
        {
            var start = TestClock.Now.AddSeconds(2);
            // 120 pairs due over 4 s; 20 more had two reminders missed during "downtime" (one catch-up each).
            Func<int, DateTimeOffset[]> due = i => [start.AddMilliseconds(i * 33)];
            Func<int, DateTimeOffset[]> missed = _ => [TestClock.Now.AddHours(-1), TestClock.Now.AddMinutes(-30)];
            var (_, pairs) = await NudgeSeed.SeedAsync(a.Db, "due", 40, 3, due);
            var (_, late) = await NudgeSeed.SeedAsync(a.Db, "late", 10, 2, missed);
            await NudgeSeed.ScheduleAsync(c.Db, pairs, due);
            await NudgeSeed.ScheduleAsync(c.Db, late, missed);

            await Task.Delay(start.AddSeconds(1) - TestClock.Now);
            var watch = System.Diagnostics.Stopwatch.StartNew();
            await c.KillAsync();
            output.WriteLine($"killed in {watch.ElapsedMilliseconds} ms");

            var expected = pairs.Select(p => $"nudge:{p.InterviewId}:{p.Email}:1")
                .Concat(late.Select(p => $"nudge:{p.InterviewId}:{p.Email}:2")).ToHashSet();
            var delivered = await WaitForDeliveriesAsync(a.Db, expected.Count, TimeSpan.FromSeconds(60));

            output.WriteLine($"{delivered.Count} delivered after {watch.ElapsedMilliseconds} ms");
            Assert.DoesNotContain(delivered, d => d.Value > 1);
            Assert.Equal(expected.OrderBy(k => k), delivered.Keys.OrderBy(k => k));
            Assert.Empty(await CountAsync(a.Db, "SELECT idempotency_key, 1 FROM outbox WHERE status <> 'sent'"));
        }
        finally
        {
            await a.DisposeAsync();
            await b.DisposeAsync();
        }
    }

    private static async Task<Dictionary<string, long>> WaitForDeliveriesAsync(NpgsqlDataSource db, int count, TimeSpan timeout)
    {
        var deadline = TestClock.UtcNow + timeout;
        while (true)
        {
            var delivered = await CountAsync(db,
                "SELECT o.idempotency_key, count(*) FROM local_messages m JOIN outbox o ON o.id = m.outbox_id WHERE o.idempotency_key LIKE 'nudge:%' GROUP BY 1");
            // Keep watching a few seconds after the last expected delivery, so a late duplicate would show.
            if (delivered.Count >= count && TestClock.UtcNow > deadline - timeout + TimeSpan.FromSeconds(8) || TestClock.UtcNow > deadline)
                return delivered;
            await Task.Delay(200);
        }
    }

    private static async Task<Dictionary<string, long>> CountAsync(NpgsqlDataSource db, string sql)
    {
        await using var cmd = db.CreateCommand(sql);
        var counts = new Dictionary<string, long>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) counts[reader.GetString(0)] = Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture);
        return counts;
    }
}
