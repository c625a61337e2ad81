using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using HireBot.Teams;
using HireBot.Tests.Fakes;
using HireBot.Tests.Scorecards;
using HireBot.Tests.Support;
using HireBot.Tests.Teams;

namespace HireBot.Tests.EndToEnd;

/// <summary>Teams connected to loopback fakes, end to end through the real host.</summary>
public class TeamsEndToEndTests : IAsyncLifetime
{
    private ConnectedTeamsBot _teams = null!;
    private FakeEntra _entra => _teams.Entra;
    private FakeBotConnector _connector => _teams.Connector;
    private BotApp _bot => _teams.Bot;

    public async Task InitializeAsync() => _teams = await ConnectedTeamsBot.StartAsync(nameof(TeamsEndToEndTests));
    public async Task DisposeAsync() => await _teams.DisposeAsync();

    private Task<HttpResponseMessage> PostAsync(JsonObject activity, string? token = null) => _teams.PostAsync(activity, token);

    private JsonObject Personal(string text, string id)
    {
        var activity = InboundRequests.PersonalMessage(_connector.ServiceUrl);
        activity["text"] = text;
        activity["id"] = id;
        activity.Remove("entities");
        return activity;
    }

    private async Task<List<FakeBotConnector.RecordedRequest>> WaitForSendsAsync(int count)
    {
        var deadline = TestClock.UtcNow.AddSeconds(15);
        while (TestClock.UtcNow < deadline)
        {
            var sends = _connector.Requests.Where(r => r.Method == "POST" && r.RawTarget.EndsWith("/activities", StringComparison.Ordinal)).ToList();
            if (sends.Count >= count) return sends;
            await Task.Delay(50);
        }
        return _connector.Requests.Where(r => r.Method == "POST" && r.RawTarget.EndsWith("/activities", StringComparison.Ordinal)).ToList();
    }

    [Fact]
    public async Task A_verified_personal_message_runs_the_command_as_the_members_email_and_the_reply_card_is_sent_with_our_token()
    {
        var response = await PostAsync(Personal("role create be-sr \"Senior Backend Engineer\"", "act-1"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sends = await WaitForSendsAsync(1);
        var reply = Assert.Single(sends);
        Assert.Equal($"Bearer {_entra.IssuedAccessToken}", reply.Authorization);
        var body = JsonNode.Parse(reply.Body)!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", body["attachments"]![0]!["contentType"]!.GetValue<string>());
        Assert.Contains("Created role be-sr", body.ToJsonString()); // Teams card markdown has no code spans: NeutralText drops the backticks
        await using var cmd = _bot.Db.CreateCommand("SELECT recruiters[1] FROM roles WHERE slug = 'be-sr'");
        Assert.Equal("pat@contoso.example", await cmd.ExecuteScalarAsync()); // the email GetMember returned
    }

    [Fact]
    public async Task A_hiring_channel_is_taken_only_where_the_bot_is_and_a_name_typed_by_hand_is_refused_with_what_to_do()
    {
        await PostAsync(Personal("role create be-ch \"Backend\"", "act-ch-1"));
        await PostAsync(Personal("role channel be-ch hiring-be", "act-ch-2"));
        await PostAsync(Personal("role channel be-ch here", "act-ch-3"));

        var sends = await WaitForSendsAsync(3);
        Assert.Equal(3, sends.Count);
        Assert.Contains("HireBot is not in that Teams conversation", sends[1].Body);
        Assert.Contains("will go to", sends[2].Body);
        await using var cmd = _bot.Db.CreateCommand("SELECT hiring_channel FROM roles WHERE slug = 'be-ch'");
        var saved = Assert.IsType<string>(await cmd.ExecuteScalarAsync()); // this chat, not the name typed by hand
        Assert.StartsWith("conversation:teams:", saved);
        Assert.DoesNotContain("hiring-be", saved);
    }

    [Fact]
    public async Task A_replayed_activity_is_answered_once()
    {
        await PostAsync(Personal("role list", "act-replayed"));
        await PostAsync(Personal("role list", "act-replayed"));
        await PostAsync(Personal("help", "act-after")); // the same conversation runs in order: once this is answered, so would the replay be

        var sends = await WaitForSendsAsync(2);
        Assert.Equal(2, sends.Count);
        Assert.Equal(2, _connector.Requests.Count(r => r.Method == "POST" && r.RawTarget.EndsWith("/activities", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_unauthenticated_or_forged_request_is_refused_before_anything_is_stored()
    {
        var noToken = await _bot.Http.PostAsync("/api/messages", new StringContent(Personal("role create x Y", "a").ToJsonString(), Encoding.UTF8, "application/json"));
        var unendorsed = await PostAsync(Personal("role create x Y", "b"), JwtFactory.Connector(_entra.UnendorsedKey, TeamsTestHost.AppId, _connector.ServiceUrl));
        var otherServiceUrl = await PostAsync(Personal("role create x Y", "c"), JwtFactory.Connector(_entra.EndorsedKey, TeamsTestHost.AppId, "https://attacker.example/"));

        Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, unendorsed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, otherServiceUrl.StatusCode);
        await using var cmd = _bot.Db.CreateCommand("SELECT (SELECT count(*) FROM roles) + (SELECT count(*) FROM conversations)");
        Assert.Equal(0L, (long)(await cmd.ExecuteScalarAsync())!);
        Assert.Empty(_connector.Requests);
    }

    private JsonObject Invoke(string verb, JsonObject data, string id)
    {
        var activity = Samples.Activity("invoke-adaptiveCard-action");
        activity["serviceUrl"] = _connector.ServiceUrl;
        activity["recipient"]!["id"] = $"28:{TeamsTestHost.AppId}";
        activity["id"] = id;
        activity["value"]!["action"]!["verb"] = verb;
        activity["value"]!["action"]!["data"] = data.DeepClone();
        return activity;
    }

    [Fact]
    public async Task A_scorecard_submitted_with_action_execute_is_stored_once_and_the_card_turns_into_the_submitted_view()
    {
        // GetMember on the fake connector answers pat@contoso.example for the caller; a first message
        // makes pat known, so the invokes below are answered from the database alone, in their response.
        await PostAsync(Personal("help", "act-hello"));
        await WaitForSendsAsync(1);
        var loop = await _bot.NewLoopAsync("tms", new InterviewSpec("screen", ["pat@contoso.example"]));
        var bad = ScorecardHarness.Filled(loop.Interviews[0], "screen", 3);
        bad["evidence.api-design"] = "fine";

        var invalid = JsonNode.Parse(await (await PostAsync(Invoke("scorecard.submit", bad, "inv-1"))).Content.ReadAsStringAsync())!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", invalid["type"]!.GetValue<string>());
        Assert.Contains("fine", invalid["value"]!.ToJsonString()); // what was typed comes back in the card
        Assert.Equal(0L, await _bot.ScalarAsync<long>("SELECT count(*) FROM scorecards"));

        var valid = ScorecardHarness.Filled(loop.Interviews[0], "screen", 3);
        var first = await PostAsync(Invoke("scorecard.submit", valid, "inv-2"));
        var replay = await PostAsync(Invoke("scorecard.submit", valid, "inv-2"));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var card = JsonNode.Parse(await first.Content.ReadAsStringAsync())!;
        Assert.Equal(200, card["statusCode"]!.GetValue<int>());
        Assert.Contains("Scorecard submitted", card["value"]!.ToJsonString());
        Assert.Contains("Scorecard submitted", await replay.Content.ReadAsStringAsync());
        Assert.Equal(1L, await _bot.ScalarAsync<long>("SELECT count(*) FROM scorecards WHERE panelist_email = 'pat@contoso.example'"));
    }

    [Fact]
    public async Task A_click_from_someone_not_known_yet_is_acknowledged_without_the_connector_and_answered_in_the_chat()
    {
        var loop = await _bot.NewLoopAsync("tmu", new InterviewSpec("screen", ["pat@contoso.example"]));
        var valid = ScorecardHarness.Filled(loop.Interviews[0], "screen", 3);

        var response = await PostAsync(Invoke("scorecard.submit", valid, "inv-unknown"));

        // Who pat is must be asked of the connector: not while Teams waits, so the click is only acknowledged.
        var ack = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(TeamsInvokeResponse.MessageType, ack["type"]!.GetValue<string>());
        Assert.Contains("Working on it", ack["value"]!.GetValue<string>());
        // The worker looks pat up, stores the scorecard and posts the answer in the chat.
        var sent = Assert.Single(await WaitForSendsAsync(1));
        Assert.Contains("Scorecard submitted", sent.Body);
        Assert.Contains(_connector.Requests, r => r.Method == "GET" && r.RawTarget.Contains("/members/", StringComparison.Ordinal));
        Assert.Equal(1L, await _bot.ScalarAsync<long>("SELECT count(*) FROM scorecards WHERE panelist_email = 'pat@contoso.example'"));
    }
}
