using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using HireBot.Outbox;
using HireBot.Tests.Fakes;
using HireBot.Tests.Fakes.Slack;
using HireBot.Tests.Scorecards;
using HireBot.Tests.Support;

namespace HireBot.Tests.EndToEnd;

/// <summary>
/// The real host against a FakeSlack that refuses as Slack does: hiring channels are checked (and
/// public ones joined) before they are saved, channel posts the bot cannot make fail with a reason,
/// and a Slack that is down or slow only matters to commands that need to know who is asking.
/// </summary>
public class SlackReachTests : IAsyncLifetime
{
    private FakeSlack _slack = null!;
    private BotApp _bot = null!;
    private int _hooks;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlack.StartAsync();
        _slack.AddUser(new FakeSlackUser("U0RITA", "rita@example.com", "Rita Recruiter", "Europe/Berlin"));
        _slack.AddChannel(new FakeSlackChannel("C0PUBLIC", "hiring-be"));
        _slack.AddChannel(new FakeSlackChannel("C0SECRET", "hiring-secret", IsPrivate: true));
        _slack.AddChannel(new FakeSlackChannel("C0OLD", "hiring-2019", IsArchived: true));
        _slack.AddChannel(new FakeSlackChannel("C0GONE", "deleted", Deleted: true));
        _bot = await BotApp.StartAsync(nameof(SlackReachTests), _slack.BotSettings());
    }

    public async Task DisposeAsync()
    {
        _slack.Unreachable = false;
        _slack.Delay = TimeSpan.Zero;
        await _bot.DisposeAsync();
        await _slack.DisposeAsync();
    }

    /// <summary>Sends a signed /hire; returns the acknowledgement and the response_url hook id it carried.</summary>
    private async Task<(JsonNode Ack, string Hook)> CommandAsync(string user, string text, string channel = "C0PUBLIC")
    {
        var hook = $"reach-{Interlocked.Increment(ref _hooks)}";
        var response = await _bot.Http.SendAsync(SlackSigner.Command(text, FakeSlack.TeamId, user, channel, _slack.ResponseUrl(hook), hook, TestClock.Now));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        return (body.Length == 0 ? new JsonObject() : JsonNode.Parse(body)!, hook);
    }

    private async Task<string> HookBodyAsync(string hook)
    {
        var deadline = TestClock.UtcNow.AddSeconds(20);
        while (TestClock.UtcNow < deadline)
        {
            // Unescaped (the bot's JSON writes ` as \u0060), so tests can look for the words.
            if (_slack.Calls.FirstOrDefault(c => c.Path.EndsWith("hooks/" + hook, StringComparison.Ordinal)) is { } call)
                return JsonNode.Parse(call.Body)!.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            await Task.Delay(100);
        }
        throw new TimeoutException($"nothing was posted to the response_url {hook}; Slack saw: {string.Join(", ", _slack.Calls.Select(c => c.Method))}");
    }

    private async Task<string?> HiringChannelAsync(string role)
    {
        await using var cmd = _bot.Db.CreateCommand("SELECT hiring_channel FROM roles WHERE slug = $1");
        cmd.Parameters.Add(new() { Value = role });
        return await cmd.ExecuteScalarAsync() as string;
    }

    private async Task CreateRoleAsync(string role)
    {
        var (_, hook) = await CommandAsync("U0RITA", $"role create {role} \"Backend Engineer\"");
        Assert.Contains($"Created role `{role}`", await HookBodyAsync(hook));
    }

    [Fact]
    public async Task Role_channel_joins_a_public_channel_the_bot_is_not_in_off_the_acknowledgement_and_names_it()
    {
        await CreateRoleAsync("be-pub");

        var (ack, hook) = await CommandAsync("U0RITA", "role channel be-pub <#C0PUBLIC|hiring-be>");

        Assert.Contains("Working on it", ack["text"]!.GetValue<string>());
        var answer = await HookBodyAsync(hook);
        Assert.Contains("will go to #hiring-be", answer);
        Assert.Single(_slack.CallsTo("conversations.info"));
        Assert.Equal("C0PUBLIC", Assert.Single(_slack.CallsTo("conversations.join")).Json.GetProperty("channel").GetString());
        Assert.True(_slack.Channel("C0PUBLIC")!.BotIsMember);
        Assert.Equal($"conversation:slack:{FakeSlack.TeamId}/C0PUBLIC", await HiringChannelAsync("be-pub"));
    }

    [Fact]
    public async Task Role_channel_here_in_a_private_channel_tells_the_recruiter_to_invite_the_bot_and_saves_nothing()
    {
        await CreateRoleAsync("be-priv");

        var (_, hook) = await CommandAsync("U0RITA", "role channel be-priv here", channel: "C0SECRET");

        var answer = await HookBodyAsync(hook);
        Assert.Contains("/invite @HireBot", answer);
        Assert.Empty(_slack.CallsTo("conversations.join")); // Slack hides the channel from the bot: nothing to join
        Assert.Null(await HiringChannelAsync("be-priv"));

        // Once invited, the same command is accepted without a join.
        _slack.AddChannel(_slack.Channel("C0SECRET")! with { BotIsMember = true });
        var (_, again) = await CommandAsync("U0RITA", "role channel be-priv here", channel: "C0SECRET");
        Assert.Contains("will go to #hiring-secret", await HookBodyAsync(again));
        Assert.Empty(_slack.CallsTo("conversations.join"));
        Assert.Equal($"conversation:slack:{FakeSlack.TeamId}/C0SECRET", await HiringChannelAsync("be-priv"));
    }

    [Theory]
    [InlineData("<#C0OLD|hiring-2019>", "archived")]
    [InlineData("<#C0GONE|deleted>", "I cannot see that channel")]
    public async Task Role_channel_refuses_an_archived_or_deleted_channel_with_the_reason(string typed, string reason)
    {
        await CreateRoleAsync("be-bad");

        var (_, hook) = await CommandAsync("U0RITA", $"role channel be-bad {typed}");

        Assert.Contains(reason, await HookBodyAsync(hook));
        Assert.Null(await HiringChannelAsync("be-bad"));
        Assert.Empty(_slack.CallsTo("conversations.join"));
    }

    [Fact]
    public async Task Role_create_with_a_channel_is_checked_too_and_not_created_when_the_bot_cannot_post()
    {
        var (ack, hook) = await CommandAsync("U0RITA", "role create be-new \"Backend Engineer\" channel here", channel: "C0SECRET");

        Assert.Contains("Working on it", ack["text"]!.GetValue<string>());
        var answer = await HookBodyAsync(hook);
        Assert.Contains("not created", answer);
        Assert.Contains("/invite @HireBot", answer);
        Assert.Equal(0L, await _bot.ScalarAsync<long>("SELECT count(*) FROM roles WHERE slug = 'be-new'"));
    }

    [Fact]
    public async Task A_channel_post_answered_not_in_channel_joins_the_public_channel_once_and_is_sent()
    {
        var id = await DeliverAsync("reach:public", "C0PUBLIC");

        var (status, error) = await OutcomeAsync(id);
        Assert.Equal("sent", status);
        Assert.Null(error);
        var posts = _slack.CallsTo("chat.postMessage");
        Assert.Equal(2, posts.Length); // refused not_in_channel, then sent after the join
        Assert.Single(_slack.CallsTo("conversations.join"));
    }

    [Theory]
    [InlineData("C0SECRET", "invite")]
    [InlineData("C0OLD", "archived")]
    public async Task A_channel_post_the_bot_cannot_make_fails_once_with_a_reason_a_recruiter_can_act_on(string channel, string reason)
    {
        var id = await DeliverAsync($"reach:{channel}", channel);

        var (status, error) = await OutcomeAsync(id);
        Assert.Equal("failed", status);
        Assert.Contains(reason, error);
        Assert.Single(_slack.CallsTo("chat.postMessage"));
        Assert.Empty(_slack.CallsTo("conversations.join"));
    }

    [Fact]
    public async Task Help_and_a_command_that_does_not_parse_answer_while_slack_is_unreachable_and_ask_slack_nothing()
    {
        _slack.Unreachable = true;

        var (help, _) = await CommandAsync("U0RITA", "help");
        var (typo, _) = await CommandAsync("U0RITA", "shedule ada@example.com");

        Assert.Contains("HireBot commands", help.ToJsonString());
        Assert.Contains("Did you mean", typo["text"]!.GetValue<string>());
        Assert.Empty(_slack.CallsTo("users.info"));
    }

    [Fact]
    public async Task A_command_that_needs_the_identity_is_acknowledged_at_once_and_told_slack_is_not_answering()
    {
        _slack.Delay = TimeSpan.FromSeconds(30);

        var watch = Stopwatch.StartNew();
        var (slow, _) = await CommandAsync("U0RITA", "role list");
        watch.Stop();

        // users.info is asked by the worker, not inside the acknowledgement.
        Assert.Null(slow["text"]);
        Assert.InRange(watch.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(1));

        // Someone else (Rita's requests run in order, so hers waits for the slow lookup), with Slack down.
        _slack.AddUser(new FakeSlackUser("U0ROB", "rob@example.com", "Rob Recruiter", "Europe/Berlin"));
        _slack.Delay = TimeSpan.Zero;
        _slack.Unreachable = true;
        var (down, hook) = await CommandAsync("U0ROB", "role list");
        Assert.Null(down["text"]);
        Assert.Contains("Slack is not answering", await HookBodyAsync(hook));
    }

    [Fact]
    public async Task Once_known_a_user_is_answered_without_slack_even_while_it_is_down()
    {
        await CreateRoleAsync("be-known");
        _slack.Unreachable = true;

        var (_, hook) = await CommandAsync("U0RITA", "role list");

        Assert.Contains("be-known", await HookBodyAsync(hook));
        Assert.Single(_slack.CallsTo("users.info"));
    }

    private async Task<string> DeliverAsync(string key, string channel)
    {
        using var org = HireBot.Organisations.OrgScope.Enter(HireBot.Organisations.OrgScope.Default); // tests act as the default organisation
        var store = _bot.Services.GetRequiredService<OutboxStore>();
        await store.EnqueueAsync([new OutboxMessage(key, Recipients.Conversation("slack", $"{FakeSlack.TeamId}/{channel}"), "message",
            new JsonObject { ["text"] = "Digest for Ada Lovelace" })], default);
        return key;
    }

    private async Task<(string Status, string? Error)> OutcomeAsync(string key)
    {
        var deadline = TestClock.UtcNow.AddSeconds(20);
        while (TestClock.UtcNow < deadline)
        {
            await using var cmd = _bot.Db.CreateCommand("SELECT status, last_error FROM outbox WHERE idempotency_key = $1");
            cmd.Parameters.Add(new() { Value = key });
            await using var reader = await cmd.ExecuteReaderAsync();
            if (await reader.ReadAsync() && reader.GetString(0) is "sent" or "failed")
                return (reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1));
            await Task.Delay(100);
        }
        throw new TimeoutException($"outbox row {key} was neither sent nor failed");
    }
}
