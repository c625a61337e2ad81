using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HireBot.Core.Commands;
using HireBot.Hiring;
using HireBot.Organisations;
using HireBot.Tests.Fakes;
using HireBot.Tests.Fakes.Slack;
using HireBot.Tests.Scorecards;
using HireBot.Tests.Support;
using HireBot.Tests.Teams;

namespace HireBot.Tests.Organisations;

/// <summary>
/// Two organisations on one bot, through the real endpoints. Organisation A (the default one: the
/// local channel) has a role, a candidate, a completed interview and a submitted scorecard.
/// Organisation B is a second Slack workspace and a second Teams tenant whose users' directory
/// emails are A's recruiter's and A's panelist's addresses. Every command of the catalog and every
/// card action, aimed at A's role, candidate, interview and scorecard, is sent from B on both
/// platforms: none of the answers carries A's data, and A's rows are exactly as they were.
/// </summary>
public class OrganisationIsolationTests : IAsyncLifetime
{
    private const string TeamB = "T0ORGB";
    private const string SlackUserB = "U0MALLORY";
    private const string TenantB = "bbbbbbbb-0000-4000-8000-00000000000b";
    private const string TeamsUserB = "29:1-mallory";
    private const string Panelist = "pat@contoso.example"; // the fake connector's directory answers this email for any user

    // What only organisation A knows: none of it is typed by B, so none of it may reach B.
    private static readonly string[] Secrets = ["Senior Backend Engineer", ScorecardHarness.Manager, "Ada zeta", "strong evidence"];

    private FakeSlack _slack = null!;
    private ConnectedTeamsBot _teams = null!;
    private BotApp Bot => _teams.Bot;
    private TestLoop _loop = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlack.StartAsync();
        _slack.AddUser(new FakeSlackUser(SlackUserB, ScorecardHarness.Recruiter, "Mallory", "UTC")); // B's directory says she is A's recruiter
        _teams = await ConnectedTeamsBot.StartAsync(nameof(OrganisationIsolationTests), new Dictionary<string, string?>
        {
            ["SLACK_SIGNING_SECRET"] = SlackSigner.Secret, ["SLACK_BOT_TOKEN"] = FakeSlack.BotToken, ["SLACK_API_BASE_URL"] = _slack.ApiBaseUrl, ["SLACK_RESPONSE_URL_HOSTS"] = "127.0.0.1",
            // B is admitted and installed like any customer: what keeps it out of A's hiring is the organisation, not the door.
            ["SLACK_ALLOWED_TEAM_IDS"] = $"{FakeSlack.TeamId},{TeamB}", ["SLACK_TOKEN_ENCRYPTION_KEY"] = Fakes.Slack.SlackTestHost.EncryptionKey,
            ["Teams:AllowedTenantIds"] = TeamsTestHost.AdmittedTenants + "," + TenantB,
        });
        var protector = Bot.Services.GetRequiredService<HireBot.Slack.SlackTokenProtector>();
        await Bot.Services.GetRequiredService<HireBot.Slack.SlackWorkspaces>().SaveAsync(new HireBot.Slack.SlackInstallation(
            TeamB, "Organisation B", null, "U0BOTB", protector.Protect(FakeSlack.InstalledBotToken, TeamB), ["commands", "chat:write", "users:read", "users:read.email"]), default);
        _loop = await Bot.NewLoopAsync("zeta", new InterviewSpec("screen", [Panelist]));
        var card = ScorecardHarness.Filled(_loop.Interviews[0], "screen", 3);
        foreach (var key in card.Where(p => p.Key.StartsWith("evidence.", StringComparison.Ordinal)).Select(p => p.Key).ToList()) card[key] = "strong evidence of depth, with examples";
        Assert.False(ScorecardHarness.IsError(await Bot.ClickAsync(Panelist, "scorecard.submit", card)));
        Assert.Equal(1L, await Bot.ScalarAsync<long>("SELECT count(*) FROM scorecards"));
    }

    public async Task DisposeAsync()
    {
        await _teams.DisposeAsync();
        await _slack.DisposeAsync();
    }

    [Fact]
    public async Task Every_command_and_card_action_from_another_organisation_gets_nothing_of_A_and_changes_nothing_of_A()
    {
        // The check can fail: A's own recruiter sees the secrets with the same command.
        var own = (await Bot.SayAsync(ScorecardHarness.Recruiter, "role show zeta")).ToJsonString();
        Assert.Contains("Senior Backend Engineer", own);
        Assert.Contains(ScorecardHarness.Manager, own);
        await DrainAsync();

        var before = await FingerprintAsync(OrgScope.Default);
        var slackCalls = _slack.Calls.Count;
        var connectorCalls = _teams.Connector.Requests.Count;
        var answers = new List<string>();

        var commands = CommandCatalog.All.Select(CommandAimedAtA).ToList();
        Assert.Equal(CommandCatalog.All.Count, commands.Count);
        var n = 0;
        foreach (var text in commands)
        {
            n++;
            var slack = await _teams.Bot.Http.SendAsync(SlackSigner.Form("/slack/commands",
                $"command=%2Fhire&text={Uri.EscapeDataString(text)}&team_id={TeamB}&user_id={SlackUserB}&channel_id=C0B&response_url={Uri.EscapeDataString(_slack.ResponseUrl($"b{n}"))}&trigger_id=t{n}",
                TestClock.Now));
            answers.Add(await slack.Content.ReadAsStringAsync());
            var teams = await _teams.PostAsync(TeamsMessageFromB(text, $"cmd-{n}"));
            Assert.True(teams.IsSuccessStatusCode, $"Teams refused `{text}`: {(int)teams.StatusCode}");
        }

        var verbs = Bot.Services.GetRequiredService<HireBot.Commands.CardActionDispatcher>().Verbs.ToList();
        Assert.NotEmpty(verbs);
        foreach (var verb in verbs)
        {
            n++;
            var click = await _teams.Bot.Http.SendAsync(SlackSigner.Form("/slack/interactions", "payload=" + Uri.EscapeDataString(new JsonObject
            {
                ["type"] = "block_actions", ["team"] = new JsonObject { ["id"] = TeamB }, ["user"] = new JsonObject { ["id"] = SlackUserB },
                ["trigger_id"] = $"t{n}", ["channel"] = new JsonObject { ["id"] = "D0B" }, ["response_url"] = _slack.ResponseUrl($"b{n}"),
                ["container"] = new JsonObject { ["type"] = "message", ["channel_id"] = "D0B", ["message_ts"] = "1.0001" },
                ["actions"] = new JsonArray(new JsonObject { ["action_id"] = verb, ["block_id"] = "b", ["type"] = "button", ["value"] = DataAimedAtA().ToJsonString() }),
            }.ToJsonString()), TestClock.Now));
            answers.Add(await click.Content.ReadAsStringAsync());
            var invoke = await _teams.PostAsync(TeamsInvokeFromB(verb, $"inv-{n}"));
            answers.Add(await invoke.Content.ReadAsStringAsync());
        }

        await DrainAsync();
        answers.AddRange(_slack.Calls.Skip(slackCalls).Select(c => c.Body));
        answers.AddRange(_teams.Connector.Requests.Skip(connectorCalls).Select(r => r.Body));
        Assert.True(answers.Count(a => a.Length > 0) >= commands.Count, "B's actors were not answered, so the test would show nothing.");
        // Admitted and answered as B's own organisation: a refusal at the door would prove nothing about the data.
        Assert.DoesNotContain(answers, a => a.Contains("not set up to use HireBot", StringComparison.Ordinal) || a.Contains("could not confirm your work email", StringComparison.Ordinal));
        foreach (var answer in answers)
            foreach (var secret in Secrets)
                Assert.False(answer.Contains(secret, StringComparison.OrdinalIgnoreCase), $"Organisation B was shown A's `{secret}`: {answer}");

        Assert.Equal(before, await FingerprintAsync(OrgScope.Default));
        // B's actors exist in B only: A's recruiter and panelist are still A's, with no identity from B.
        Assert.Equal(0L, await Bot.ScalarAsync<long>(
            "SELECT count(*) FROM chat_identities WHERE org_id = $1 AND (source = $2 OR source = $3)", OrgScope.Default, $"slack:{TeamB}", $"teams:{TenantB}"));
    }

    [Fact]
    public async Task A_forgotten_WHERE_still_sees_only_its_own_organisation()
    {
        var db = Bot.Services.GetRequiredService<OrgDb>();
        var other = await Bot.Services.GetRequiredService<OrganisationDirectory>().ForTeamsTenantAsync(TenantB, default);
        Assert.NotEqual(OrgScope.Default, other);
        using (OrgScope.Enter(other))
        {
            await using var cmd = db.CreateCommand("SELECT (SELECT count(*) FROM roles) + (SELECT count(*) FROM candidates) + (SELECT count(*) FROM scorecards) + (SELECT count(*) FROM people)");
            Assert.Equal(0L, (long)(await cmd.ExecuteScalarAsync())!);
            // Nor can it write into A: the policy's check refuses a row of another organisation.
            await Assert.ThrowsAsync<Npgsql.PostgresException>(() => db.ExecuteAsync(
                "INSERT INTO people (email, display_name, org_id) VALUES ('x@example.com', 'x', $1)", default, OrgScope.Default));
        }
        using (OrgScope.Enter(OrgScope.Default))
        {
            await using var cmd = db.CreateCommand("SELECT count(*) FROM roles");
            Assert.Equal(1L, (long)(await cmd.ExecuteScalarAsync())!);
        }
        // Outside any organisation there is no connection at all.
        Assert.Throws<InvalidOperationException>(() => db.Org);
    }

    /// <summary>The command with every argument naming A's role, candidate or people (a new role gets a name of B's own).</summary>
    private string CommandAimedAtA(CommandSpec spec)
    {
        var parts = new List<string> { spec.Name };
        foreach (var argument in spec.Arguments.Select(a => a.TrimEnd('?', '*')))
            parts.Add(argument switch
            {
                "role" => spec.Name == "role create" ? "b-own" : _loop.Role,
                "candidate" => _loop.Candidate,
                "email" => ScorecardHarness.Recruiter,
                "kind" => "manager",
                "title" or "name" => "Mallory",
                "channel" => "here",
                "decision" => "hire",
                "reason" => "because",
                "json" => "{}",
                "topic" => "status",
                _ => "x",
            });
        return string.Join(' ', parts);
    }

    /// <summary>Card data naming A's interview, loop and candidate, as a button of A's would carry.</summary>
    private JsonObject DataAimedAtA()
    {
        var data = ScorecardHarness.Filled(_loop.Interviews[0], "screen", 1, "strong-no");
        data["loopId"] = _loop.LoopId.ToString();
        data["candidate"] = _loop.Candidate;
        data["option"] = "1";
        data["hours"] = "24";
        data["proposalId"] = Guid.NewGuid().ToString();
        return data;
    }

    private JsonObject TeamsMessageFromB(string text, string id)
    {
        var activity = InboundRequests.PersonalMessage(_teams.Connector.ServiceUrl);
        activity.Remove("entities");
        activity["id"] = id;
        activity["text"] = text;
        activity["from"] = new JsonObject { ["id"] = TeamsUserB, ["name"] = "Mallory", ["aadObjectId"] = "bbbbbbbb-1111-4000-8000-000000000001" };
        activity["conversation"] = new JsonObject { ["conversationType"] = "personal", ["tenantId"] = TenantB, ["id"] = "a:1-mallory-personal" };
        activity["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = TenantB } };
        return activity;
    }

    private JsonObject TeamsInvokeFromB(string verb, string id)
    {
        var activity = Samples.Activity("invoke-adaptiveCard-action");
        activity["serviceUrl"] = _teams.Connector.ServiceUrl;
        activity["recipient"]!["id"] = $"28:{TeamsTestHost.AppId}";
        activity["id"] = id;
        activity["from"] = new JsonObject { ["id"] = TeamsUserB, ["name"] = "Mallory", ["aadObjectId"] = "bbbbbbbb-1111-4000-8000-000000000001" };
        activity["conversation"] = new JsonObject { ["conversationType"] = "personal", ["tenantId"] = TenantB, ["id"] = "a:1-mallory-personal" };
        activity["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = TenantB } };
        activity["value"]!["action"]!["verb"] = verb;
        activity["value"]!["action"]!["data"] = DataAimedAtA();
        return activity;
    }

    /// <summary>Waits until every accepted request ran, every message went out and no background command is left.</summary>
    private async Task DrainAsync()
    {
        var deadline = TestClock.UtcNow.AddSeconds(60);
        while (await Bot.ScalarAsync<long>(
                   """
                   SELECT (SELECT count(*) FROM inbox WHERE status IN ('pending', 'working'))
                        + (SELECT count(*) FROM outbox WHERE status IN ('pending', 'sending') AND not_before <= $1)
                        + (SELECT count(*) FROM qrtz_job_details WHERE job_group = 'slack')
                   """, Bot.Clock.GetUtcNow().AddMinutes(1)) > 0) // due within a minute on the bot's clock, not the database's
        {
            Assert.True(TestClock.UtcNow < deadline, "The bot did not finish its work within 60 s.");
            await Task.Delay(100);
        }
    }

    /// <summary>Every hiring row of the organisation (and how many outbox rows it has), as one hash.</summary>
    private Task<string?> FingerprintAsync(Guid org) => Bot.ScalarAsync<string>(
        """
        SELECT md5(string_agg(t, '|' ORDER BY t)) FROM (
            SELECT 'r' || row_to_json(x)::text AS t FROM roles x WHERE org_id = $1
            UNION ALL SELECT 'c' || row_to_json(x)::text FROM candidates x WHERE org_id = $1
            UNION ALL SELECT 'l' || row_to_json(x)::text FROM loops x WHERE org_id = $1
            UNION ALL SELECT 'i' || row_to_json(x)::text FROM interviews x WHERE org_id = $1
            UNION ALL SELECT 'p' || row_to_json(x)::text FROM interview_panelists x WHERE org_id = $1
            UNION ALL SELECT 's' || row_to_json(x)::text FROM scorecards x WHERE org_id = $1
            UNION ALL SELECT 'a' || row_to_json(x)::text FROM scorecard_audit x WHERE org_id = $1
            UNION ALL SELECT 'f' || row_to_json(x)::text FROM feedback_views x WHERE org_id = $1
            UNION ALL SELECT 'q' || row_to_json(x)::text FROM schedule_proposals x WHERE org_id = $1
            UNION ALL SELECT 'n' || row_to_json(x)::text FROM nudge_plans x WHERE org_id = $1
            UNION ALL SELECT 'e' || row_to_json(x)::text FROM nudge_events x WHERE org_id = $1
            UNION ALL SELECT 'x' || row_to_json(x)::text FROM replacement_proposals x WHERE org_id = $1
            UNION ALL SELECT 'h' || row_to_json(x)::text FROM people x WHERE org_id = $1
            UNION ALL SELECT 'o' || count(*)::text FROM outbox WHERE org_id = $1) rows
        """, org);
}
