using System.Globalization;
using System.Text.Json.Nodes;
using HireBot.Outbox;
using HireBot.Tests.Fakes;
using HireBot.Tests.Support;
using Xunit.Abstractions;

namespace HireBot.Tests.Faults;

/// <summary>
/// Issue 8, item 3: Slack and the Bot Connector answer 429 (Retry-After: 1) or 503 to a seeded
/// random fifth of calls. Every queued message — Slack DMs (conversations.open, then
/// chat.postMessage) and Teams conversations — must still be delivered exactly once.
/// </summary>
public class FlakyPlatformDeliveryTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int PerPlatform = 30;
    private FakeSlack _slack = null!;
    private FakeEntra _entra = null!;
    private FakeBotConnector _connector = null!;
    private BotApp _bot = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlack.StartAsync();
        _entra = await FakeEntra.StartAsync();
        _connector = await FakeBotConnector.StartAsync();
        var traffic = new PlatformTraffic(_slack, _entra, _connector);
        traffic.AddSlackUsers(PerPlatform);
        var settings = traffic.Settings();
        settings["Outbox:MaxAttempts"] = "30";
        settings["Outbox:Concurrency"] = "16";
        _bot = await BotApp.StartAsync(nameof(FlakyPlatformDeliveryTests), settings, configureServices: PlatformTraffic.TrustFakeEntra);
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _connector.DisposeAsync();
        await _entra.DisposeAsync();
        await _slack.DisposeAsync();
    }

    [Fact]
    public async Task Every_message_is_delivered_exactly_once_when_a_fifth_of_platform_calls_fail()
    {
        // Slack people the bot knows by id but has no DM with yet; Teams conversations stored from earlier activities.
        for (var i = 0; i < PerPlatform; i++)
        {
            await ExecAsync("INSERT INTO people (email, display_name, org_id) VALUES ($1, $1, '00000000-0000-0000-0000-000000000001')", $"load{i}@example.com");
            await ExecAsync("INSERT INTO chat_identities (channel, external_id, email, org_id, source) VALUES ('slack', $1, $2, '00000000-0000-0000-0000-000000000001', 'slack:' || split_part($1, ':', 1))",
                $"{FakeSlack.TeamId}:{PlatformTraffic.SlackUser(i)}", $"load{i}@example.com");
            await ExecAsync("INSERT INTO conversations (channel, conversation_id, kind, service_url, tenant_id, org_id) VALUES ('teams', $1, 'personal', $2, $3, '00000000-0000-0000-0000-000000000001')",
                PlatformTraffic.TeamsConversation(i), _connector.ServiceUrl, PlatformTraffic.TenantId);
        }
        _slack.FailRandomly(0.2, seed: 8);
        _connector.FailRandomly(0.2, seed: 8);

        using var org = HireBot.Organisations.OrgScope.Enter(HireBot.Organisations.OrgScope.Default); // tests act as the default organisation
        var store = _bot.Services.GetRequiredService<OutboxStore>();
        var messages = Enumerable.Range(0, PerPlatform).SelectMany(i => new[]
        {
            Message(i, Recipients.Person($"load{i}@example.com")),
            Message(PerPlatform + i, Recipients.Conversation("teams", PlatformTraffic.TeamsConversation(i))),
        }).ToList();
        await store.EnqueueAsync(messages, default);
        _bot.Services.GetRequiredService<OutboxSignal>().Notify();

        var deadline = TestClock.UtcNow.AddSeconds(25);
        while (await CountAsync("SELECT count(*) FROM outbox WHERE status <> 'sent'") > 0 && TestClock.UtcNow < deadline)
            await Task.Delay(200);

        var slack = DeliveryLedger.SlackPosts(_slack, 2 * PerPlatform);
        var teams = DeliveryLedger.TeamsSends(_connector, 2 * PerPlatform);
        var delivered = Enumerable.Range(0, 2 * PerPlatform).ToDictionary(n => n, n => slack[n] + teams[n]);
        output.WriteLine($"Slack: {_slack.Calls.Count} calls, {_slack.Refused.Count} refused; connector: {_connector.Requests.Count} requests, " +
            $"{_connector.Refused.Count} refused; max attempts {await CountAsync("SELECT max(attempts) FROM outbox")}");
        Assert.True(!_slack.Refused.IsEmpty && !_connector.Refused.IsEmpty, "the fakes refused nothing: the test proves nothing");
        Assert.Equal(0L, await CountAsync("SELECT count(*) FROM outbox WHERE status <> 'sent'"));
        Assert.All(delivered, d => Assert.True(d.Value == 1, $"message {d.Key} delivered {d.Value} times"));
        Assert.All(Enumerable.Range(0, PerPlatform), n => Assert.Equal(1, slack[n])); // DMs went to Slack, conversations to Teams
    }

    private static OutboxMessage Message(int n, string recipient) =>
        new($"fault:flaky:{n}", recipient, "message", new JsonObject { ["text"] = $"Your kit is ready {DeliveryLedger.Marker(n)}" });

    private async Task ExecAsync(string sql, params object[] args)
    {
        await using var cmd = _bot.Db.CreateCommand(sql);
        foreach (var a in args) cmd.Parameters.Add(new() { Value = a });
        await cmd.ExecuteNonQueryAsync();
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var cmd = _bot.Db.CreateCommand(sql);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}
