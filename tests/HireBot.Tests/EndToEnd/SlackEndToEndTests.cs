using System.Net;
using System.Text.Json.Nodes;
using HireBot.Outbox;
using HireBot.Tests.Fakes;
using HireBot.Tests.Fakes.Slack;
using HireBot.Tests.Support;
using HireBot.Tests.Scorecards;

namespace HireBot.Tests.EndToEnd;

/// <summary>The real host with Slack configured against the loopback fake: signed commands in, Web API calls out.</summary>
public class SlackEndToEndTests : IAsyncLifetime
{
    private FakeSlack _slack = null!;
    private BotApp _bot = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlack.StartAsync();
        _slack.AddUser(new FakeSlackUser("U0RITA", "rita@example.com", "Rita Recruiter", "Europe/Berlin"));
        _slack.AddUser(new FakeSlackUser("U0PETE", "pete@example.com", "Pete Panelist", "America/New_York"));
        _bot = await BotApp.StartAsync(nameof(SlackEndToEndTests), _slack.BotSettings());
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _slack.DisposeAsync();
    }

    private int _sent;

    /// <summary>A signed command with a response_url and trigger of its own (as Slack sends each), and the hook id.</summary>
    private async Task<(HttpResponseMessage Ack, string Hook)> SendAsync(string user, string text)
    {
        var n = Interlocked.Increment(ref _sent);
        var ack = await _bot.Http.SendAsync(SlackSigner.Command(text, FakeSlack.TeamId, user, "C0HIRING", _slack.ResponseUrl($"r{n}"), $"t{n}", TestClock.Now));
        return (ack, $"r{n}");
    }

    /// <summary>Sends a command and returns its answer, posted to its response_url by the worker.</summary>
    private async Task<JsonNode> AnswerAsync(string user, string text)
    {
        var (ack, hook) = await SendAsync(user, text);
        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        return await _slack.HookPostAsync(hook);
    }

    [Fact]
    public async Task A_signed_slash_command_runs_as_the_slack_users_work_email_and_answers_ephemerally()
    {
        var (response, hook) = await SendAsync("U0RITA", "role create be-sr \"Senior Backend Engineer\"");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync()); // acknowledged at once; the answer follows
        var body = await _slack.HookPostAsync(hook);
        Assert.Equal("ephemeral", body["response_type"]!.GetValue<string>());
        Assert.Contains("Created role `be-sr`", body["text"]!.GetValue<string>());
        Assert.Single(_slack.CallsTo("users.info"));

        // The email is remembered: the next command makes no lookup, and rights follow the email.
        var second = await AnswerAsync("U0RITA", "candidate add be-sr <mailto:ada@example.com|ada@example.com> Ada Lovelace");
        Assert.Contains("Added Ada Lovelace", second["text"]!.GetValue<string>());
        Assert.Single(_slack.CallsTo("users.info"));
    }

    [Fact]
    public async Task An_unsigned_or_tampered_command_is_rejected_and_nothing_is_stored()
    {
        var unsigned = await _bot.Http.PostAsync("/slack/commands", new StringContent("command=%2Fhire&text=role+create+x+y&team_id=T&user_id=U0RITA"));
        var tampered = SlackSigner.Form("/slack/commands", "command=%2Fhire&text=role+list&team_id=T&user_id=U0RITA", TestClock.Now);
        tampered.Content = new StringContent("command=%2Fhire&text=role+create+evil+Evil&team_id=T&user_id=U0RITA");
        var tamperedResponse = await _bot.Http.SendAsync(tampered);

        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, tamperedResponse.StatusCode);
        await using var cmd = _bot.Db.CreateCommand("SELECT count(*) FROM roles");
        Assert.Equal(0L, (long)(await cmd.ExecuteScalarAsync())!);
        Assert.Empty(_slack.CallsTo("users.info"));
    }

    [Fact]
    public async Task Outbox_messages_to_a_person_reach_their_slack_dm_once_even_when_slack_throttles()
    {
        await using (var people = _bot.Db.CreateCommand("INSERT INTO people (email, display_name, org_id) VALUES ('pete@example.com', 'Pete', '00000000-0000-0000-0000-000000000001')"))
            await people.ExecuteNonQueryAsync();
        _slack.RateLimitNext("chat.postMessage", 1);
        using var org = HireBot.Organisations.OrgScope.Enter(HireBot.Organisations.OrgScope.Default); // tests act as the default organisation
        var store = _bot.Services.GetRequiredService<OutboxStore>();
        var message = new OutboxMessage("test:hello:pete", Recipients.Person("pete@example.com"), "message", new JsonObject { ["text"] = "Your kit is ready." });

        await store.EnqueueAsync([message], default);
        await store.EnqueueAsync([message], default); // a retried request writes the same key again

        var deadline = TestClock.UtcNow.AddSeconds(15);
        while (_slack.CallsTo("chat.postMessage").Count(c => c.Authorization == $"Bearer {FakeSlack.BotToken}") < 2 && TestClock.UtcNow < deadline)
            await Task.Delay(100);
        // Marked sent only after the post that landed: nothing is sent again after that.
        while (await _bot.ScalarAsync<string>("SELECT status FROM outbox WHERE idempotency_key = 'test:hello:pete'") != "sent" && TestClock.UtcNow < deadline)
            await Task.Delay(100);
        var posts = _slack.CallsTo("chat.postMessage");
        Assert.Equal(2, posts.Length); // the throttled attempt and the one that landed
        Assert.Single(_slack.CallsTo("users.lookupByEmail"));
        Assert.Single(_slack.CallsTo("conversations.open"));
        Assert.Contains("Your kit is ready.", posts[^1].Body);
        await using var sent = _bot.Db.CreateCommand("SELECT status, channel FROM outbox WHERE idempotency_key = 'test:hello:pete'");
        await using var reader = await sent.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal("sent", reader.GetString(0));
        Assert.Equal("slack", reader.GetString(1));
    }

    [Fact]
    public async Task When_slack_cannot_say_who_the_user_is_the_command_gets_a_try_again_not_an_error_page()
    {
        _slack.ServerErrorNext("users.info");

        var body = await AnswerAsync("U0RITA", "role list");

        Assert.Equal("ephemeral", body["response_type"]!.GetValue<string>());
        Assert.Contains("try again", body["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_button_answer_goes_to_the_response_url_because_slack_ignores_block_action_ack_bodies()
    {
        var payload = new JsonObject
        {
            ["type"] = "block_actions", ["team"] = new JsonObject { ["id"] = FakeSlack.TeamId }, ["user"] = new JsonObject { ["id"] = "U0RITA" },
            ["trigger_id"] = "t-9", ["response_url"] = _slack.ResponseUrl("click-1"),
            ["container"] = new JsonObject { ["type"] = "message", ["channel_id"] = "C0HIRING", ["message_ts"] = "9.9" },
            ["channel"] = new JsonObject { ["id"] = "C0HIRING" },
            ["actions"] = new JsonArray(new JsonObject { ["action_id"] = "schedule.pick", ["block_id"] = "b", ["type"] = "button", ["value"] = "{}" }),
        };

        var response = await _bot.Http.SendAsync(SlackSigner.Form("/slack/interactions", "payload=" + Uri.EscapeDataString(payload.ToJsonString()), TestClock.Now));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
        var hook = await _slack.HookPostAsync("click-1");
        Assert.Contains("missing its loop", hook.ToJsonString());
    }

    [Fact]
    public async Task Schedule_is_acknowledged_at_once_and_its_answer_arrives_on_the_response_url()
    {
        await AnswerAsync("U0RITA", "role create be-slow \"Backend Engineer\"");
        await AnswerAsync("U0RITA", "candidate add be-slow ada@example.com Ada Lovelace");

        var (response, hook) = await SendAsync("U0RITA", "schedule ada@example.com");

        Assert.Contains("Working on it", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["text"]!.GetValue<string>());
        var answer = await _slack.HookPostAsync(hook);
        Assert.Contains("Technical screen", answer.ToJsonString()); // nobody is in the pools yet: the answer names the rounds that cannot be staffed
    }
}
