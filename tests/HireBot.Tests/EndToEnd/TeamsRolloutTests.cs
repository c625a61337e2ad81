using System.Net;
using System.Text.Json.Nodes;
using HireBot.Outbox;
using HireBot.Tests.Fakes;
using HireBot.Tests.Scorecards;
using HireBot.Tests.Support;
using HireBot.Tests.Teams;
using Npgsql;

namespace HireBot.Tests.EndToEnd;

/// <summary>
/// A rollout as a new team does it: the app is installed in the hiring team only, and none of the
/// eight members has ever chatted with the bot. The connector fake refuses what Teams refuses.
/// </summary>
public class TeamsRolloutTests : IAsyncLifetime
{
    private const string TeamId = "19:hiring-team@thread.tacv2";
    private const string OtherChannel = "19:interviews@thread.tacv2";
    private ConnectedTeamsBot _teams = null!;
    private FakeBotConnector _connector => _teams.Connector;
    private BotApp _bot => _teams.Bot;

    private static readonly FakeBotConnector.Member[] Team =
    [
        .. new[] { "ada", "grace", "alan", "edsger", "barbara", "donald", "frances", "ken" }
            .Select((name, i) => new FakeBotConnector.Member($"29:1-{name}", char.ToUpperInvariant(name[0]) + name[1..],
                $"00000000-0000-4000-8000-00000000000{i}", $"{name}@contoso.example")),
    ];

    private static string[] Emails => [.. Team.Select(m => m.Email)];

    public async Task InitializeAsync()
    {
        _teams = await ConnectedTeamsBot.StartAsync(nameof(TeamsRolloutTests));
        _connector.InstallInTeam(TeamId, Team, OtherChannel);
    }

    public async Task DisposeAsync() => await _teams.DisposeAsync();

    private JsonObject InTeam(string type, string conversationId, string fromId) => new()
    {
        ["type"] = type,
        ["id"] = $"act-{Guid.NewGuid():N}",
        ["channelId"] = "msteams",
        ["serviceUrl"] = _connector.ServiceUrl,
        ["from"] = new JsonObject { ["id"] = fromId },
        ["recipient"] = new JsonObject { ["id"] = $"28:{TeamsTestHost.AppId}", ["name"] = "HireBot" },
        ["conversation"] = new JsonObject
        {
            ["id"] = conversationId, ["conversationType"] = "channel", ["isGroup"] = true, ["tenantId"] = FakeBotConnector.Tenant,
        },
        ["channelData"] = new JsonObject
        {
            ["tenant"] = new JsonObject { ["id"] = FakeBotConnector.Tenant },
            ["team"] = new JsonObject { ["id"] = TeamId },
            ["channel"] = new JsonObject { ["id"] = conversationId.Split(';')[0] },
        },
    };

    /// <summary>Teams' conversationUpdate when the app is added to a team: the bot in membersAdded.</summary>
    private async Task InstallInTeamAsync()
    {
        var added = InTeam("conversationUpdate", TeamId, Team[0].Id);
        added["membersAdded"] = new JsonArray(new JsonObject { ["id"] = $"28:{TeamsTestHost.AppId}" });
        added["channelData"]!["eventType"] = "teamMemberAdded";
        Assert.Equal(HttpStatusCode.OK, (await _teams.PostAsync(added)).StatusCode);
        await WaitAsync(async () => await CountAsync("SELECT count(*) FROM chat_identities WHERE channel = 'teams' AND service_url IS NOT NULL") >= Team.Length,
            "the team's roster was not stored");
    }

    private async Task<long> CountAsync(string sql, params object[] args) => await _bot.ScalarAsync<long>(sql, args);

    private static async Task WaitAsync(Func<Task<bool>> done, string what, int seconds = 20)
    {
        var deadline = TestClock.UtcNow.AddSeconds(seconds);
        while (!await done())
        {
            Assert.True(TestClock.UtcNow < deadline, what);
            await Task.Delay(100);
        }
    }

    private async Task<List<(string Recipient, string Status, string? Error)>> OutboxAsync(string recipientLike)
    {
        await using var cmd = _bot.Db.CreateCommand("SELECT recipient, status, last_error FROM outbox WHERE recipient LIKE $1 ORDER BY id");
        cmd.Parameters.Add(new() { Value = recipientLike });
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = new List<(string, string, string?)>();
        while (await reader.ReadAsync()) rows.Add((reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
        return rows;
    }

    /// <summary>Waits until every row to these recipients is sent or failed for good.</summary>
    private async Task<List<(string Recipient, string Status, string? Error)>> SettledAsync(IEnumerable<string> emails, int atLeast)
    {
        var recipients = emails.Select(Recipients.Person).ToHashSet();
        List<(string Recipient, string Status, string? Error)> rows = [];
        await WaitAsync(async () =>
        {
            rows = [.. (await OutboxAsync("person:%")).Where(r => recipients.Contains(r.Recipient))];
            return rows.Count >= atLeast && rows.All(r => r.Status is "sent" or "failed");
        }, "outbox rows did not settle");
        return rows;
    }

    private List<FakeBotConnector.RecordedRequest> Creates() =>
        [.. _connector.Requests.Where(r => r.Method == "POST" && r.RawTarget.EndsWith("/v3/conversations", StringComparison.Ordinal))];

    private List<FakeBotConnector.RecordedRequest> PostsTo(string conversationId) =>
        [.. _connector.Requests.Where(r => r.Method == "POST" && Uri.UnescapeDataString(r.RawTarget).Contains($"/v3/conversations/{conversationId}/activities"))];

    [Fact]
    public async Task Installing_in_a_team_reads_its_whole_roster_page_by_page()
    {
        await InstallInTeamAsync();

        // Three pages of at most three members: the continuation token was followed to the end.
        Assert.Equal(["", .. _connector.PagedRequests.Skip(1)], [.. _connector.PagedRequests]);
        Assert.Equal(3, _connector.PagedRequests.Count);
        foreach (var member in Team)
            Assert.Equal(member.Email, await _bot.ScalarAsync<string>("SELECT email FROM chat_identities WHERE channel = 'teams' AND external_id = $1", member.Id));
    }

    [Fact]
    public async Task Every_panelist_of_a_team_nobody_chatted_in_gets_scorecard_requests_and_nudges_through_1to1_chats_the_bot_opens()
    {
        await InstallInTeamAsync();
        var loop = await _bot.NewLoopAsync("roll", new InterviewSpec("screen", Emails, Completed: false));

        await _bot.EndInterviewAsync(loop.Interviews[0]);
        var requests = await SettledAsync(Emails, Team.Length);
        Assert.All(requests, r => Assert.Equal("sent", r.Status));

        // One 1:1 chat opened per member, as Teams asks: one member, not a group, the tenant, the bot.
        var creates = Creates();
        Assert.Equal(Team.Length, creates.Count);
        foreach (var create in creates.Select(c => JsonNode.Parse(c.Body)!))
        {
            Assert.False(create["isGroup"]!.GetValue<bool>());
            Assert.Single(create["members"]!.AsArray());
            Assert.Equal(FakeBotConnector.Tenant, create["channelData"]!["tenant"]!["id"]!.GetValue<string>());
            Assert.Equal($"28:{TeamsTestHost.AppId}", create["bot"]!["id"]!.GetValue<string>());
        }
        foreach (var member in Team)
            Assert.NotEmpty(PostsTo($"a:1-personal-{member.Id}"));

        // A nudge reaches them in the chats already open: no new chat is created.
        await _bot.SayAsync(ScorecardHarness.Recruiter, $"nudge {loop.Candidate}");
        var all = await SettledAsync(Emails, Team.Length * 2);
        Assert.All(all, r => Assert.Equal("sent", r.Status));
        Assert.Equal(Team.Length, Creates().Count);
    }

    [Fact]
    public async Task Someone_outside_every_team_with_the_app_is_a_final_failure_that_names_them_and_the_fix()
    {
        await InstallInTeamAsync();
        const string outsider = "linus@contoso.example";
        var loop = await _bot.NewLoopAsync("out", new InterviewSpec("screen", [Emails[0], outsider], Completed: false));

        await _bot.EndInterviewAsync(loop.Interviews[0]);
        var rows = await SettledAsync([Emails[0], outsider], 2);

        Assert.Equal("sent", Assert.Single(rows, r => r.Recipient == Recipients.Person(Emails[0])).Status);
        var failed = Assert.Single(rows, r => r.Recipient == Recipients.Person(outsider));
        Assert.Equal("failed", failed.Status);
        Assert.Contains(outsider, failed.Error);
        Assert.Contains("open HireBot in Teams", failed.Error);
        Assert.Contains("TeamsAppInstallation.ReadWriteForUser.All", failed.Error);
        Assert.Equal(1L, await CountAsync("SELECT attempts::bigint FROM outbox WHERE recipient = $1", Recipients.Person(outsider))); // not retried: it cannot succeed
    }

    [Fact]
    public async Task The_recruiter_in_the_team_is_told_once_in_her_1to1_chat_who_outside_the_team_was_not_reached_and_status_lists_it()
    {
        await InstallInTeamAsync();
        const string outsider = "linus@contoso.example";
        var recruiter = Team[0];
        var loop = await _bot.NewLoopAsync("told", new InterviewSpec("screen", [Emails[1], outsider], Completed: false));
        // The role's recruiter is a member of the team (the harness's own recruiter is not in Teams at all).
        await _bot.ScalarAsync<object>("UPDATE roles SET recruiters = ARRAY[$1] WHERE slug = 'told'", recruiter.Email);

        await _bot.EndInterviewAsync(loop.Interviews[0]);
        var failedKey = $"scorecard-request:{loop.Interviews[0]}:{outsider}";
        var reportKey = $"undelivered:{failedKey}:{recruiter.Email}";
        await WaitAsync(async () => await _bot.ScalarAsync<string>("SELECT status FROM outbox WHERE idempotency_key = $1", reportKey) == "sent",
            "the report to the recruiter was not sent");

        Assert.Equal(1L, await CountAsync("SELECT count(*) FROM outbox WHERE idempotency_key LIKE 'undelivered:%'"));
        var report = Assert.Single(PostsTo($"a:1-personal-{recruiter.Id}"), p => p.Body.Contains("Not delivered")).Body;
        Assert.Contains(outsider, report);
        Assert.Contains("scorecard request", report);
        Assert.Contains("TeamsAppInstallation.ReadWriteForUser.All", report);
        var status = ScorecardHarness.Text(await _bot.SayAsync(recruiter.Email, $"status {loop.Candidate}"));
        Assert.Contains("Not delivered (1):", status);
        Assert.Contains($"{outsider}: the scorecard request", status);
    }

    /// <summary>An installationUpdate (add or remove) or a conversationUpdate adding the bot, in a member's personal chat.</summary>
    private async Task PersonalEventAsync(FakeBotConnector.Member member, string type, string? action = null)
    {
        var activity = InTeam(type, $"a:1-personal-{member.Id}", member.Id);
        activity["conversation"] = new JsonObject { ["id"] = $"a:1-personal-{member.Id}", ["conversationType"] = "personal", ["tenantId"] = FakeBotConnector.Tenant };
        activity["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = FakeBotConnector.Tenant } };
        if (action is not null) activity["action"] = action;
        else activity["membersAdded"] = new JsonArray(new JsonObject { ["id"] = $"28:{TeamsTestHost.AppId}" });
        Assert.Equal(HttpStatusCode.OK, (await _teams.PostAsync(activity)).StatusCode);
    }

    private async Task<List<JsonNode>> WelcomesInAsync(string conversationId, int atLeast)
    {
        await WaitAsync(async () => await CountAsync("SELECT count(*) FROM outbox WHERE idempotency_key LIKE 'welcome:%' AND status = 'sent'") >= atLeast,
            "the welcome was not sent");
        await WaitAsync(async () => await CountAsync("SELECT count(*) FROM outbox WHERE status NOT IN ('sent', 'failed')") == 0, "messages still on their way");
        return [.. PostsTo(conversationId).Select(p => JsonNode.Parse(p.Body)!).Where(b => b.ToJsonString().Contains("Welcome to HireBot"))];
    }

    [Fact]
    public async Task A_team_install_posts_one_wrapped_welcome_in_general_however_often_teams_announces_it()
    {
        await InstallInTeamAsync();
        var update = InTeam("installationUpdate", TeamId, Team[0].Id);
        update["action"] = "add";
        Assert.Equal(HttpStatusCode.OK, (await _teams.PostAsync(update)).StatusCode);
        var again = InTeam("conversationUpdate", TeamId, Team[0].Id);
        again["membersAdded"] = new JsonArray(new JsonObject { ["id"] = $"28:{TeamsTestHost.AppId}" });
        Assert.Equal(HttpStatusCode.OK, (await _teams.PostAsync(again)).StatusCode);

        var welcome = Assert.Single(await WelcomesInAsync(TeamId, 1));
        Assert.Empty(PostsTo(OtherChannel));
        var card = welcome["attachments"]![0]!["content"]!;
        var text = card.ToJsonString();
        Assert.Contains("As a recruiter", text);
        Assert.Contains("As an interviewer", text);
        Assert.Contains("help", text);
        // Wrapped text blocks only: no fact set whose narrow title column breaks command names mid-word.
        Assert.DoesNotContain("FactSet", text);
        Assert.All(card["body"]!.AsArray().Where(b => (string?)b!["type"] == "TextBlock"), b => Assert.True(b!["wrap"]!.GetValue<bool>()));
    }

    [Fact]
    public async Task A_personal_install_welcomes_once_and_again_after_a_reinstall()
    {
        var ada = Team[0];
        _connector.InstallPersonally(ada.Id, $"a:1-personal-{ada.Id}");
        var chat = $"a:1-personal-{ada.Id}";

        await PersonalEventAsync(ada, "installationUpdate", "add");
        await PersonalEventAsync(ada, "conversationUpdate");
        var first = Assert.Single(await WelcomesInAsync(chat, 1)).ToJsonString();
        Assert.Contains("As a recruiter", first); // no role yet: the first person sets one up
        Assert.Contains("role create", first);

        await PersonalEventAsync(ada, "installationUpdate", "remove");
        await PersonalEventAsync(ada, "installationUpdate", "add");
        await PersonalEventAsync(ada, "conversationUpdate");

        Assert.Equal(2, (await WelcomesInAsync(chat, 2)).Count);
    }

    [Fact]
    public async Task A_panelist_is_welcomed_with_what_comes_to_them()
    {
        await _bot.SayAsync(ScorecardHarness.Recruiter, "role create wel \"Engineer\"");
        var grace = Team[1];
        _connector.InstallPersonally(grace.Id, $"a:1-personal-{grace.Id}");

        await PersonalEventAsync(grace, "installationUpdate", "add");

        var welcome = Assert.Single(await WelcomesInAsync($"a:1-personal-{grace.Id}", 1)).ToJsonString();
        Assert.Contains("kits and scorecards here", welcome);
        Assert.DoesNotContain("As a recruiter", welcome);
    }

    [Fact]
    public async Task A_channel_mention_is_answered_in_its_thread()
    {
        await InstallInTeamAsync();
        var post = InTeam("message", $"{OtherChannel};messageid=1700000000001", Team[1].Id);
        post["id"] = "1700000000001";
        post["text"] = "<at>HireBot</at> role list";
        post["entities"] = new JsonArray(new JsonObject
        {
            ["type"] = "mention", ["text"] = "<at>HireBot</at>", ["mentioned"] = new JsonObject { ["id"] = $"28:{TeamsTestHost.AppId}", ["name"] = "HireBot" },
        });

        Assert.Equal(HttpStatusCode.OK, (await _teams.PostAsync(post)).StatusCode);

        await WaitAsync(() => Task.FromResult(PostsTo($"{OtherChannel};messageid=1700000000001").Count > 0), "no reply in the thread");
        Assert.Empty(Creates()); // not sent to a 1:1 chat
    }

    [Fact]
    public async Task A_private_answer_asked_in_a_channel_goes_to_the_1to1_chat_and_the_thread_says_so()
    {
        await InstallInTeamAsync();
        var post = InTeam("message", $"{OtherChannel};messageid=1700000000002", Team[2].Id);
        post["id"] = "1700000000002";
        post["text"] = "<at>HireBot</at> status";

        Assert.Equal(HttpStatusCode.OK, (await _teams.PostAsync(post)).StatusCode);

        await WaitAsync(() => Task.FromResult(PostsTo($"a:1-personal-{Team[2].Id}").Count > 0 && PostsTo($"{OtherChannel};messageid=1700000000002").Count > 0),
            "the answer and the note were not both sent");
        var note = Assert.Single(PostsTo($"{OtherChannel};messageid=1700000000002"));
        Assert.Contains("1:1 chat", note.Body);
    }

    [Fact]
    public async Task A_post_to_a_channel_the_bot_was_removed_from_fails_for_good_with_what_to_do()
    {
        await InstallInTeamAsync();
        _connector.RemoveFrom(OtherChannel);
        using var org = HireBot.Organisations.OrgScope.Enter(HireBot.Organisations.OrgScope.Default); // tests act as the default organisation
        await using (var conn = await _bot.Services.GetRequiredService<HireBot.Organisations.OrgDb>().OpenConnectionAsync(default))
        {
            await using var cmd = new NpgsqlCommand(
                "INSERT INTO conversations (channel, conversation_id, kind, service_url, tenant_id, team_id, org_id) VALUES ('teams', $1, 'channel', $2, $3, $4, '00000000-0000-0000-0000-000000000001')", conn);
            foreach (var v in new object[] { OtherChannel, _connector.ServiceUrl, FakeBotConnector.Tenant, TeamId }) cmd.Parameters.Add(new() { Value = v });
            await cmd.ExecuteNonQueryAsync();
            await OutboxStore.EnqueueAsync(conn, null, [new OutboxMessage("digest-test", Recipients.Conversation("teams", OtherChannel), "message", new JsonObject { ["text"] = "digest" })], default);
        }
        _bot.Services.GetRequiredService<OutboxSignal>().Notify();

        var removed = $"conversation:teams:{OtherChannel}";
        await WaitAsync(async () => (await OutboxAsync(removed)).Any(r => r.Status == "failed"), "the refused post was not failed");
        var row = Assert.Single(await OutboxAsync(removed));
        Assert.Contains("not a member of the Teams conversation", row.Error);
        Assert.Contains("role channel", row.Error);
        Assert.Equal(1L, await CountAsync("SELECT attempts::bigint FROM outbox WHERE idempotency_key = 'digest-test'"));
    }

    [Fact]
    public async Task A_throttled_chat_open_and_a_just_opened_chat_that_refuses_once_are_retried_until_sent()
    {
        await InstallInTeamAsync();
        var loop = await _bot.NewLoopAsync("retry", new InterviewSpec("screen", [Emails[3]], Completed: false));
        await WaitAsync(async () => await CountAsync("SELECT count(*) FROM outbox WHERE status NOT IN ('sent', 'failed')") == 0, "earlier messages (the welcome) still on their way");
        _connector.FailNext(429, TimeSpan.FromSeconds(1), "TooManyRequests", pathContains: "/v3/conversations");       // opening the chat
        _connector.FailNext(403, errorCode: "BotNotInConversationRoster", pathContains: $"a:1-personal-{Team[3].Id}/activities"); // its first post, a moment after

        await _bot.EndInterviewAsync(loop.Interviews[0]);
        var rows = await SettledAsync([Emails[3]], 1);

        Assert.All(rows, r => Assert.Equal("sent", r.Status));
        Assert.True(await CountAsync("SELECT max(attempts)::bigint FROM outbox WHERE recipient = $1", Recipients.Person(Emails[3])) >= 2);
    }
}
