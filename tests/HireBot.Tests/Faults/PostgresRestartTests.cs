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
                    using var response = await http.PostAsJsonAsync("/local/messages", new { from = "rita@example.com", text = $"role create r{n} \"Role {n}\"", conversation = $"c{n % 32}" });
                    outcomes.Add(new Outcome(n, response.StatusCode, await response.Content.ReadAsStringAsync(), sentAt, clock.Elapsed - sentAt));
                }
                catch (TaskCanceledException)
                {
                    outcomes.Add(new Outcome(n, null, "timed out", sentAt, clock.Elapsed - sentAt));
                }
            }
        })).ToList();

        // Restart once requests are being acknowledged (a cold bot on a loaded machine may take a
        // second for its first write), with more on their way.
        for (var waited = Stopwatch.StartNew(); !outcomes.Any(IsCreated); await Task.Delay(20))
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), "no request was acknowledged before the restart");
        await Task.Delay(200);
        await pg.Server.RestartAsync(default);
        restartedAt = clock.Elapsed;
        await Task.Delay(1500);
        stop.Cancel();
        await Task.WhenAll(workers);

        var all = outcomes.OrderBy(o => o.N).ToList();
        output.WriteLine($"{all.Count} requests: {all.Count(IsCreated)} acknowledged, {all.Count(o => o.Status == HttpStatusCode.ServiceUnavailable)} answered 503, " +
            $"other {all.Count(o => !IsCreated(o) && o.Status != HttpStatusCode.ServiceUnavailable)}; restart took until {restartedAt.TotalMilliseconds:0} ms; " +
            $"slowest {all.Max(o => o.Took).TotalMilliseconds:0} ms");
        Assert.All(all, o => Assert.True(o.Status is HttpStatusCode.Accepted or HttpStatusCode.ServiceUnavailable,
            $"request r{o.N} got {(o.Status is null ? "no answer" : (int)o.Status)}: {o.Body[..Math.Min(200, o.Body.Length)]}"));
        Assert.All(all.Where(o => o.Status == HttpStatusCode.ServiceUnavailable), o => Assert.Equal(DatabaseUnavailableMiddleware.Message, o.Body));
        Assert.All(all, o => Assert.True(o.Took < TimeSpan.FromSeconds(10), $"r{o.N} took {o.Took}"));
        Assert.Contains(all, o => o.SentAt < restartedAt && IsCreated(o));
        Assert.Contains(all, o => o.SentAt > restartedAt && IsCreated(o)); // the bot recovered by itself

        // Acknowledged means stored in the inbox: the worker creates every role, however many it is behind.
        var acknowledged = all.Where(IsCreated).Select(o => $"r{o.N}").ToHashSet();
        // The backlog is thousands of commands: wait while the worker makes progress (on a loaded
        // machine it may need minutes), and give up only when it has stalled.
        var stored = new HashSet<string>();
        for (var stalled = TestClock.UtcNow.AddSeconds(30); !acknowledged.IsSubsetOf(stored) && TestClock.UtcNow < stalled; await Task.Delay(200))
        {
            var before = stored.Count;
            await using var cmd = bot.Db.CreateCommand("SELECT slug FROM roles");
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync()) stored.Add(reader.GetString(0));
            if (stored.Count > before) stalled = TestClock.UtcNow.AddSeconds(30);
        }
        Assert.Empty(acknowledged.Except(stored));
    }

    /// <summary>
    /// Teams messages are acknowledged once they are in the inbox. Sent through a restart the way
    /// the connector sends them (a 503 is retried with the same activity id until it is taken),
    /// every message is answered, and answered once, after the database is back.
    /// </summary>
    [Fact]
    public async Task Teams_messages_sent_through_a_restart_are_each_answered_exactly_once()
    {
        await using var pg = await DedicatedPostgres.StartAsync("pgrestart-teams");
        await using var teams = await ConnectedTeamsBot.StartAsync(nameof(Teams_messages_sent_through_a_restart_are_each_answered_exactly_once), connectionString: pg.ConnectionString);
        var statuses = new System.Collections.Concurrent.ConcurrentBag<HttpStatusCode>();
        var acknowledgedAt = new System.Collections.Concurrent.ConcurrentBag<TimeSpan>();
        var clock = Stopwatch.StartNew();
        var counter = 0;
        using var stop = new CancellationTokenSource();

        async Task SendAsync(int n)
        {
            var activity = Teams.InboundRequests.PersonalMessage(teams.Connector.ServiceUrl);
            activity["id"] = $"restart-{n}";
            activity["text"] = "help";
            activity["conversation"]!["id"] = $"a:restart-{n}";
            activity.Remove("entities");
            for (var attempt = 0; attempt < 100; attempt++)
            {
                using var response = await teams.PostAsync(activity);
                statuses.Add(response.StatusCode);
                if (response.StatusCode == HttpStatusCode.OK) acknowledgedAt.Add(clock.Elapsed);
                if (response.StatusCode != HttpStatusCode.ServiceUnavailable) break;
                await Task.Delay(100);
            }
        }
        await SendAsync(0); // warm: the first request pays for start-up, not for the restart
        clock.Restart();
        acknowledgedAt.Clear();

        var senders = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested && counter < 1000)
            {
                await Task.Delay(25); // about 160 messages a second in all: the replies, paced at Teams' 50 a second, take seconds, not minutes
                await SendAsync(Interlocked.Increment(ref counter));
            }
        })).ToList();
        await Task.Delay(400);
        var restarting = clock.Elapsed;
        await pg.Server.RestartAsync(default);
        var restarted = clock.Elapsed;
        await Task.Delay(800);
        stop.Cancel();
        await Task.WhenAll(senders);

        var sent = counter + 1;
        var deadline = TestClock.UtcNow.AddSeconds(60);
        Dictionary<string, int> replies;
        do
        {
            await Task.Delay(200);
            replies = teams.Connector.Requests.Where(r => r.Method == "POST" && r.RawTarget.EndsWith("/activities", StringComparison.Ordinal))
                .GroupBy(r => r.RawTarget).ToDictionary(g => g.Key, g => g.Count());
        } while (replies.Count < sent && TestClock.UtcNow < deadline);

        output.WriteLine($"{sent} messages, {statuses.Count} posts ({statuses.Count(s => s == HttpStatusCode.ServiceUnavailable)} answered 503), " +
            $"restart from {restarting.TotalMilliseconds:0} to {restarted.TotalMilliseconds:0} ms, {replies.Count} conversations answered");
        Assert.All(statuses, s => Assert.True(s is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"got {(int)s}"));
        Assert.Contains(acknowledgedAt, t => t < restarting);
        Assert.Contains(acknowledgedAt, t => t > restarted); // the bot recovered by itself
        Assert.Equal(sent, replies.Count);
        Assert.All(replies, r => Assert.Equal(1, r.Value));
    }

    private static bool IsCreated(Outcome o) => o.Status == HttpStatusCode.Accepted && JsonNode.Parse(o.Body)?["id"] is not null;
}
