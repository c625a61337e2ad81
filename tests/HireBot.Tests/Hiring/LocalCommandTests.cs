using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HireBot.Tests.Support;

namespace HireBot.Tests.Hiring;

public class LocalCommandTests : IAsyncLifetime
{
    private BotApp _bot = null!;

    public async Task InitializeAsync() => _bot = await BotApp.StartAsync(nameof(LocalCommandTests));
    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private static string Text(System.Text.Json.Nodes.JsonObject reply) => reply["data"]!["text"]!.GetValue<string>();

    [Fact]
    public async Task Recruiter_creates_a_role_adds_a_candidate_and_sees_it_listed()
    {
        var created = await _bot.SayAsync("rita@example.com", "role create be-sr \"Senior Backend Engineer\"");
        Assert.False(created["isError"]!.GetValue<bool>(), Text(created));
        Assert.Contains("6 rounds", Text(created));

        var added = await _bot.SayAsync("rita@example.com", "candidate add be-sr ada@example.com Ada Lovelace");
        Assert.Contains("Added Ada Lovelace", Text(added));

        var listed = await _bot.SayAsync("rita@example.com", "candidate list be-sr");
        Assert.Contains("Ada Lovelace <ada@example.com>", Text(listed));
        Assert.Contains("a draft", Text(listed));

        var again = await _bot.SayAsync("rita@example.com", "candidate add be-sr ada@example.com Ada Lovelace");
        Assert.True(again["isError"]!.GetValue<bool>());
        Assert.Contains("already a candidate", Text(again));
    }

    [Fact]
    public async Task Someone_who_is_not_a_recruiter_of_the_role_is_refused_and_nothing_changes()
    {
        await _bot.SayAsync("rita@example.com", "role create be-mid \"Backend Engineer\"");

        var refused = await _bot.SayAsync("mallory@example.com", "candidate add be-mid eve@example.com Eve");

        Assert.True(refused["isError"]!.GetValue<bool>());
        Assert.Contains("Only the recruiters and hiring managers of `be-mid`", Text(refused));
        var listed = await _bot.SayAsync("rita@example.com", "candidate list be-mid");
        Assert.DoesNotContain("Eve", Text(listed));
    }

    /// <summary>
    /// Issue 14: the local channel goes through the inbox like Slack and Teams. A command is stored
    /// (keyed by the id the caller gives, so a retry is stored once) and answered 202; commands
    /// sent back to back in one conversation run in order; the answer is an outbox row, read with
    /// the long poll of GET /local/messages?replyTo=, and left out of the plain listing.
    /// </summary>
    [Fact]
    public async Task Local_commands_are_inbox_rows_run_in_order_and_answered_through_the_outbox()
    {
        var posts = new List<HttpResponseMessage>();
        foreach (var text in new[] { "role create inb \"Inbox Role\"", "candidate add inb ida@example.com Ida", "candidate list inb" })
            posts.Add(await _bot.Http.PostAsJsonAsync("/local/messages", new { from = "rita@example.com", text, id = $"inb-{posts.Count}" }));
        Assert.All(posts, p => Assert.Equal(System.Net.HttpStatusCode.Accepted, p.StatusCode));
        var again = await _bot.Http.PostAsJsonAsync("/local/messages", new { from = "rita@example.com", text = "role create inb \"Other\"", id = "inb-0" });
        Assert.Equal(System.Net.HttpStatusCode.Accepted, again.StatusCode);
        Assert.Equal("inb-0", (await again.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>());

        var listed = await _bot.AnswerAsync(posts[2]);
        Assert.Contains("Ida <ida@example.com>", Text(listed)); // ran after the two before it
        Assert.Contains("Created role", Text(await _bot.AnswerAsync(posts[0])));
        Assert.Contains("Added Ida", Text(await _bot.AnswerAsync(posts[1])));

        await using (var cmd = _bot.Db.CreateCommand("SELECT count(*), count(*) FILTER (WHERE status = 'done') FROM inbox WHERE source = 'local' AND key LIKE 'inb-%'"))
        await using (var reader = await cmd.ExecuteReaderAsync())
        {
            await reader.ReadAsync();
            Assert.Equal(3L, reader.GetInt64(0)); // the repeated id was stored once
            Assert.Equal(3L, reader.GetInt64(1));
        }
        await using (var cmd = _bot.Db.CreateCommand("SELECT count(*) FROM outbox WHERE idempotency_key = 'local-reply:inb-0' AND status = 'sent'"))
            Assert.Equal(1L, (long)(await cmd.ExecuteScalarAsync())!);
        Assert.Single(await _bot.Http.GetFromJsonAsync<JsonArray>("/local/messages?replyTo=inb-0") ?? []);
        var plain = (await _bot.Http.GetFromJsonAsync<JsonArray>("/local/messages"))!;
        Assert.DoesNotContain(plain, m => m!["reply"] is not null);
    }

    [Fact]
    public async Task A_reply_that_is_not_there_yet_is_waited_for_and_an_unknown_one_times_out_empty()
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        var none = (await _bot.Http.GetFromJsonAsync<JsonArray>("/local/messages?replyTo=never-sent&wait=1"))!;
        Assert.Empty(none);
        Assert.True(waited.Elapsed >= TimeSpan.FromSeconds(0.9), $"returned after {waited.Elapsed}, without waiting");
    }

    [Fact]
    public async Task Unknown_command_suggests_the_closest()
    {
        var reply = await _bot.SayAsync("rita@example.com", "rol lst");

        Assert.True(reply["isError"]!.GetValue<bool>());
        Assert.Contains("Did you mean `role", Text(reply));
    }

    [Fact]
    public async Task A_request_relayed_by_a_proxy_is_not_local_even_from_loopback()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/local/messages")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { from = "rita@example.com", text = "role create px Proxied" }),
        };
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");

        var response = await _bot.Http.SendAsync(request);

        Assert.Equal(System.Net.HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("No roles yet", Text(await _bot.SayAsync("rita@example.com", "role list")));
    }

    [Fact]
    public async Task With_a_platform_configured_the_local_channel_is_not_mapped_unless_asked_for()
    {
        await using var connected = await BotApp.StartAsync(nameof(LocalCommandTests) + "Connected",
            new Dictionary<string, string?> { ["SLACK_SIGNING_SECRET"] = "configured", ["Local:Enabled"] = null });

        var response = await connected.Http.PostAsync("/local/messages",
            System.Net.Http.Json.JsonContent.Create(new { from = "rita@example.com", text = "help" }));

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Local_channel_refuses_non_loopback_callers_is_enforced_by_address()
    {
        // Kestrel here listens on loopback only, so the positive path is all a test can reach;
        // the help command proves the endpoint answers loopback.
        var reply = await _bot.SayAsync("rita@example.com", "help");
        Assert.Equal("help", reply["kind"]!.GetValue<string>());
        Assert.True(reply["data"]!["commands"]!.AsArray().Count >= 15);
    }
}
