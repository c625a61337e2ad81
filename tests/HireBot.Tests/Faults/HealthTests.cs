using System.Globalization;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using HireBot.Tests.Scorecards;
using HireBot.Tests.Support;

namespace HireBot.Tests.Faults;

/// <summary>
/// Liveness and readiness as an orchestrator reads them, and a stop that does not hang when the
/// database has died under the bot.
/// </summary>
public class HealthTests
{
    [Fact]
    public async Task Readyz_is_503_while_the_database_is_away_and_200_again_after_while_healthz_stays_200()
    {
        await using var pg = await DedicatedPostgres.StartAsync("readyz");
        await using var bot = await BotApp.StartAsync(nameof(HealthTests), connectionString: pg.ConnectionString);

        var ready = await WaitForAsync(bot, "/readyz", HttpStatusCode.OK);
        Assert.Equal("ok", ready["status"]!.GetValue<string>());
        Assert.Equal("healthy", ready["checks"]!["database"]!["status"]!.GetValue<string>());
        Assert.Equal("healthy", ready["checks"]!["jobs"]!["status"]!.GetValue<string>());
        Assert.Contains("OutboxDispatcher", ready["checks"]!["loops"]!["detail"]!.GetValue<string>());
        Assert.Contains("InboxWorker", ready["checks"]!["loops"]!["detail"]!.GetValue<string>());

        await pg.Server.StopServerAsync(default);
        var away = await WaitForAsync(bot, "/readyz", HttpStatusCode.ServiceUnavailable);
        Assert.Equal("unhealthy", away["checks"]!["database"]!["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await bot.Http.GetAsync("/healthz")).StatusCode); // alive: no restart for an outage

        await pg.Server.StartServerAsync(default);
        await WaitForAsync(bot, "/readyz", HttpStatusCode.OK);
    }

    [Fact]
    public async Task Readyz_waits_for_the_warm_up_which_opens_the_pools_and_writes_nothing()
    {
        await using var pg = await DedicatedPostgres.StartAsync("warmup");
        await using var bot = await BotApp.StartAsync(nameof(HealthTests), connectionString: pg.ConnectionString);

        var ready = await WaitForAsync(bot, "/readyz", HttpStatusCode.OK);

        Assert.Equal("healthy", ready["checks"]!["warm-up"]!["status"]!.GetValue<string>());
        // Both pools hold the connections the warm-up opened (plus this query's own).
        Assert.True(await bot.ScalarAsync<long>("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()") >= 2 * HireBot.Health.WarmUp.Connections);
        // It reads and renders only: no one was made known, nothing was accepted or queued.
        Assert.Equal(0L, await bot.ScalarAsync<long>(
            "SELECT (SELECT count(*) FROM people) + (SELECT count(*) FROM chat_identities) + (SELECT count(*) FROM inbox) + (SELECT count(*) FROM outbox)"));
    }

    /// <summary>
    /// The bot as its own process, as <c>dotnet run</c> starts it, so that anything left running
    /// (Quartz retrying a dead job store kept the process alive for ever) shows as a process that
    /// does not exit.
    /// </summary>
    [Fact]
    public async Task A_bot_whose_database_died_exits_within_the_shutdown_timeout_when_asked_to_stop()
    {
        await using var pg = await DedicatedPostgres.StartAsync("deadstop");
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [typeof(HireBotHost).Assembly.Location])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            Environment =
            {
                ["ConnectionStrings__HireBot"] = pg.ConnectionString, ["urls"] = $"http://127.0.0.1:{port}", ["BotEnvFile"] = "/nonexistent/bot.env",
                ["shutdownTimeoutSeconds"] = "8", ["Local__Enabled"] = "true",
            },
        };
        using var bot = Process.Start(start)!;
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        bot.OutputDataReceived += (_, e) => { if (e.Data is { } line) log.Enqueue(line); };
        bot.ErrorDataReceived += (_, e) => { if (e.Data is { } line) log.Enqueue(line); };
        bot.BeginOutputReadLine();
        bot.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
            var deadline = TestClock.UtcNow.AddSeconds(60);
            while (!await IsReadyAsync(http)) { Assert.True(TestClock.UtcNow < deadline, "the bot never became ready"); await Task.Delay(200); }
            await pg.Server.StopServerAsync(default);
            await Task.Delay(2000); // Quartz's cluster manager and the loops find the database gone

            var watch = Stopwatch.StartNew();
            Assert.Equal(0, Kill(bot.Id, "TERM"));
            var exited = await Task.WhenAny(bot.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(60)));

            Assert.True(bot.HasExited, $"the bot was still running {watch.Elapsed.TotalSeconds:0} s after SIGTERM; its last output:\n" +
                string.Join("\n", log.Where(l => l.Length > 0 && char.IsLetter(l[0]) || l.StartsWith("      ", StringComparison.Ordinal) && !l.TrimStart().StartsWith("at ", StringComparison.Ordinal) && !l.TrimStart().StartsWith("--", StringComparison.Ordinal)).TakeLast(30)));
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"stopping took {watch.Elapsed.TotalSeconds:0.0} s with an 8 s shutdown timeout");
        }
        finally
        {
            if (!bot.HasExited) bot.Kill(entireProcessTree: true);
            await pg.Server.StartServerAsync(default); // so the dedicated server is stopped normally on dispose
        }
    }

    private static async Task<bool> IsReadyAsync(HttpClient http)
    {
        try { return (await http.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK; }
        catch (HttpRequestException) { return false; }
        catch (TaskCanceledException) { return false; }
    }

    private static int Kill(int pid, string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", pid.ToString(CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
        return kill.ExitCode;
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<JsonObject> WaitForAsync(BotApp bot, string path, HttpStatusCode expected)
    {
        var deadline = TestClock.UtcNow.AddSeconds(30);
        while (true)
        {
            using var response = await bot.Http.GetAsync(path);
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
            if (response.StatusCode == expected) return body;
            Assert.True(TestClock.UtcNow < deadline, $"{path} stayed {(int)response.StatusCode}: {body.ToJsonString()}");
            await Task.Delay(200);
        }
    }
}
