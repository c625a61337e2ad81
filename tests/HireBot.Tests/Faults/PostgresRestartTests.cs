using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HireBot.Storage;
using HireBot.Tests.Support;

namespace HireBot.Tests.Faults;

/// <summary>
/// Issue 8, item 3: PostgreSQL restarted while requests keep coming. Every request must end in a
/// success or a clear retry answer (503 with Retry-After and a message), never a hang or a stack
/// trace, and every write the bot acknowledged must be in the database afterwards.
/// </summary>
public class PostgresRestartTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private sealed record Outcome(int N, HttpStatusCode? Status, string Body, TimeSpan SentAt, TimeSpan Took);

    [Fact]
    public async Task Requests_during_a_restart_fail_clearly_or_succeed_and_nothing_acknowledged_is_lost()
    {
        await using var pg = await DedicatedPostgres.StartAsync("pgrestart");
        await using var bot = await BotApp.StartAsync(nameof(PostgresRestartTests), connectionString: pg.ConnectionString);
        using var http = new HttpClient { BaseAddress = bot.BaseAddress, Timeout = TimeSpan.FromSeconds(15) };
        var outcomes = new System.Collections.Concurrent.ConcurrentBag<Outcome>();
        var clock = Stopwatch.StartNew();
        var counter = 0;
        TimeSpan restartedAt = TimeSpan.MaxValue;
        using var stop = new CancellationTokenSource();

        var workers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested && counter < 5000)
            {
                var n = Interlocked.Increment(ref counter);
                var sentAt = clock.Elapsed;
                try
                {
                    using var response = await http.PostAsJsonAsync("/local/messages", new { from = "rita@example.com", text = $"role create r{n} \"Role {n}\"" });
                    outcomes.Add(new Outcome(n, response.StatusCode, await response.Content.ReadAsStringAsync(), sentAt, clock.Elapsed - sentAt));
                }
                catch (TaskCanceledException)
                {
                    outcomes.Add(new Outcome(n, null, "timed out", sentAt, clock.Elapsed - sentAt));
                }
            }
        })).ToList();

        await Task.Delay(700);
        await pg.Server.RestartAsync(default);
        restartedAt = clock.Elapsed;
        await Task.Delay(1500);
        stop.Cancel();
        await Task.WhenAll(workers);

        var all = outcomes.OrderBy(o => o.N).ToList();
        output.WriteLine($"{all.Count} requests: {all.Count(IsCreated)} acknowledged, {all.Count(o => o.Status == HttpStatusCode.ServiceUnavailable)} answered 503, " +
            $"other {all.Count(o => !IsCreated(o) && o.Status != HttpStatusCode.ServiceUnavailable)}; restart took until {restartedAt.TotalMilliseconds:0} ms; " +
            $"slowest {all.Max(o => o.Took).TotalMilliseconds:0} ms");
        Assert.All(all, o => Assert.True(o.Status is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable,
            $"request r{o.N} got {(o.Status is null ? "no answer" : (int)o.Status)}: {o.Body[..Math.Min(200, o.Body.Length)]}"));
        Assert.All(all.Where(o => o.Status == HttpStatusCode.ServiceUnavailable), o => Assert.Equal(DatabaseUnavailableMiddleware.Message, o.Body));
        Assert.All(all, o => Assert.True(o.Took < TimeSpan.FromSeconds(10), $"r{o.N} took {o.Took}"));
        Assert.Contains(all, o => o.SentAt < restartedAt && IsCreated(o));
        Assert.Contains(all, o => o.SentAt > restartedAt && IsCreated(o)); // the bot recovered by itself

        var acknowledged = all.Where(IsCreated).Select(o => $"r{o.N}").ToHashSet();
        var stored = new HashSet<string>();
        await using (var cmd = bot.Db.CreateCommand("SELECT slug FROM roles"))
        await using (var reader = await cmd.ExecuteReaderAsync())
            while (await reader.ReadAsync()) stored.Add(reader.GetString(0));
        Assert.Empty(acknowledged.Except(stored));
    }

    private static bool IsCreated(Outcome o) =>
        o.Status == HttpStatusCode.OK && JsonNode.Parse(o.Body)?["isError"]?.GetValue<bool>() == false && o.Body.Contains("Created role");
}
