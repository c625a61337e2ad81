using System.Net;
using System.Text.Json.Nodes;
using HireBot.Decisions;
using HireBot.Outbox;
using HireBot.Tests.Fakes;
using HireBot.Tests.Fakes.Slack;
using HireBot.Tests.Scorecards;
using HireBot.Tests.Support;
using Quartz;

namespace HireBot.Tests.EndToEnd;

/// <summary>
/// A rollout as a new team does it in Slack: eight people in one workspace, driven only through
/// signed Slack requests, a whole loop from `role create` to the decision. One panelist has no
/// Slack account (users.lookupByEmail answers users_not_found) and the hiring channel is archived
/// after the digest: every message reaches its person or channel, and each one that cannot is
/// reported once to the recruiter and listed by `status`.
/// </summary>
public class SlackRolloutTests : IAsyncLifetime
{
    private const string Channel = "C0HIRE";
    private const string Outsider = "linus@example.com"; // in the senior pool, unknown to Slack
    private FakeSlack _slack = null!;
    private BotApp _bot = null!;
    private int _hooks;

    /// <summary>The seven with a Slack account; with the outsider, a team of eight.</summary>
    private static readonly FakeSlackUser[] Team =
    [
        new("U0RITA", "rita@example.com", "Rita Recruiter", "Europe/Berlin"),
        new("U0MONA", "mona@example.com", "Mona Manager", "Europe/Berlin"),
        new("U0BEN", "ben@example.com", "Ben Backend", "Europe/Berlin"),
        new("U0BEA", "bea@example.com", "Bea Backend", "Europe/Berlin"),
        new("U0BOB", "bob@example.com", "Bob Backend", "Europe/Berlin"),
        new("U0SAM", "sam@example.com", "Sam Senior", "Europe/Berlin"),
        new("U0HANA", "hana@example.com", "Hana Behavioral", "Europe/Berlin"),
    ];

    public async Task InitializeAsync()
    {
        _slack = await FakeSlack.StartAsync();
        foreach (var user in Team) _slack.AddUser(user);
        _slack.AddChannel(new FakeSlackChannel(Channel, "hiring-be")); // public, the bot not yet in it
        _bot = await BotApp.StartAsync(nameof(SlackRolloutTests), _slack.BotSettings());
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _slack.DisposeAsync();
    }

    private static string UserOf(string email) => Team.Single(u => u.Email == email).Id;

    /// <summary>A signed /hire from <paramref name="user"/>; returns the acknowledgement's text and the response_url hook it carried.</summary>
    private async Task<(string Ack, string Hook)> CommandAsync(string user, string text)
    {
        var hook = $"roll-{Interlocked.Increment(ref _hooks)}";
        var response = await _bot.Http.SendAsync(SlackSigner.Command(text, FakeSlack.TeamId, user, Channel, _slack.ResponseUrl(hook), $"t-{hook}", TestClock.Now));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        return (body.Length == 0 ? "" : JsonNode.Parse(body)!.ToJsonString(), hook);
    }

    /// <summary>A signed /hire and its answer, posted to the command's response_url by the worker.</summary>
    private async Task<string> AnswerAsync(string user, string text) => (await HookAsync((await CommandAsync(user, text)).Hook)).Body;

    private Task<HttpResponseMessage> InteractAsync(JsonObject payload) =>
        _bot.Http.SendAsync(SlackSigner.Form("/slack/interactions", "payload=" + Uri.EscapeDataString(payload.ToJsonString()), TestClock.Now));

    private static async Task<FakeSlackCall> EventuallyAsync(Func<FakeSlackCall?> probe, string what, int seconds = 30)
    {
        var deadline = TestClock.UtcNow.AddSeconds(seconds);
        while (true)
        {
            if (probe() is { } found) return found;
            Assert.True(TestClock.UtcNow < deadline, what);
            await Task.Delay(100);
        }
    }

    private Task<FakeSlackCall> HookAsync(string hook) =>
        EventuallyAsync(() => _slack.Calls.FirstOrDefault(c => c.Path.EndsWith("hooks/" + hook, StringComparison.Ordinal)), $"nothing on the response_url {hook}");

    private async Task<List<(string Key, string Recipient, string Status, string? Error)>> OutboxAsync()
    {
        await using var cmd = _bot.Db.CreateCommand("SELECT idempotency_key, recipient, status, last_error FROM outbox ORDER BY id");
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = new List<(string, string, string, string?)>();
        while (await reader.ReadAsync()) rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
        return rows;
    }

    /// <summary>Waits until at least <paramref name="atLeast"/> rows match and every row is sent or failed for good.</summary>
    private async Task<List<(string Key, string Recipient, string Status, string? Error)>> SettledAsync(Func<string, bool> key, int atLeast)
    {
        var deadline = TestClock.UtcNow.AddSeconds(30);
        while (true)
        {
            var rows = await OutboxAsync();
            var matching = rows.Where(r => key(r.Key)).ToList();
            if (matching.Count >= atLeast && rows.All(r => r.Status is "sent" or "failed")) return matching;
            Assert.True(TestClock.UtcNow < deadline, $"outbox did not settle: {string.Join(", ", rows.Where(r => r.Status is not ("sent" or "failed")).Select(r => r.Key))}");
            await Task.Delay(100);
        }
    }

    /// <summary>Opens the scorecard from the panelist's DM button and submits it through the modal, every rating 3.</summary>
    private async Task SubmitScorecardAsync(string email, Guid interviewId)
    {
        var user = UserOf(email);
        var request = await EventuallyAsync(() => _slack.CallsTo("chat.postMessage").FirstOrDefault(c =>
            c.Body.Contains("Open scorecard") && c.Body.Contains(interviewId.ToString()) && c.Json.GetProperty("channel").GetString() == "D" + user),
            $"no scorecard request in {email}'s DM");
        var button = JsonNode.Parse(request.Body)!["blocks"]!.AsArray().Select(b => b!["elements"]).OfType<JsonArray>().SelectMany(e => e).First()!;
        var trigger = $"trigger-{user}-{interviewId:N}";
        var click = await InteractAsync(new JsonObject
        {
            ["type"] = "block_actions", ["team"] = new JsonObject { ["id"] = FakeSlack.TeamId }, ["user"] = new JsonObject { ["id"] = user },
            ["trigger_id"] = trigger, ["channel"] = new JsonObject { ["id"] = "D" + user },
            ["container"] = new JsonObject { ["type"] = "message", ["channel_id"] = "D" + user, ["message_ts"] = "1.0001" },
            ["actions"] = new JsonArray(new JsonObject { ["action_id"] = "scorecard.open", ["block_id"] = "b", ["type"] = "button", ["value"] = button["value"]!.GetValue<string>() }),
        });
        Assert.Equal(HttpStatusCode.OK, click.StatusCode);
        var open = await EventuallyAsync(() => _slack.CallsTo("views.open").SingleOrDefault(c => c.Body.Contains(trigger)), $"no modal opened for {email}");
        var view = JsonNode.Parse(open.Body)!["view"]!.AsObject();

        var values = new JsonObject();
        foreach (var id in view["blocks"]!.AsArray().Where(b => (string?)b!["type"] == "input").Select(b => b!["block_id"]!.GetValue<string>()))
            values[id] = new JsonObject
            {
                [id] = id.StartsWith("rating.", StringComparison.Ordinal)
                    ? new JsonObject { ["type"] = "static_select", ["selected_option"] = new JsonObject { ["value"] = "3" } }
                    : id.StartsWith("evidence.", StringComparison.Ordinal)
                        ? new JsonObject { ["type"] = "plain_text_input", ["value"] = "Explained it with a real incident, what they changed and how they checked it." }
                        : id == "recommendation"
                            ? new JsonObject { ["type"] = "static_select", ["selected_option"] = new JsonObject { ["value"] = "yes" } }
                            : new JsonObject { ["type"] = "multi_static_select", ["selected_options"] = new JsonArray() },
            };
        var submitted = await InteractAsync(new JsonObject
        {
            ["type"] = "view_submission", ["team"] = new JsonObject { ["id"] = FakeSlack.TeamId }, ["user"] = new JsonObject { ["id"] = user },
            ["view"] = new JsonObject
            {
                ["id"] = "V-" + trigger, ["callback_id"] = view["callback_id"]?.DeepClone(), ["private_metadata"] = view["private_metadata"]!.DeepClone(),
                ["state"] = new JsonObject { ["values"] = values },
            },
        });
        var answer = await submitted.Content.ReadAsStringAsync();
        Assert.Equal("update", JsonNode.Parse(answer)!["response_action"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_team_of_eight_runs_a_whole_loop_in_slack_and_the_recruiter_is_told_once_about_each_message_that_cannot_arrive()
    {
        const string rita = "U0RITA";
        var (created, createHook) = await CommandAsync(rita, $"role create be \"Backend Engineer\" channel <#{Channel}|hiring-be>");
        Assert.Contains("Working on it", created);
        Assert.Contains("Created role", (await HookAsync(createHook)).Body);
        Assert.Equal(Recipients.Conversation("slack", $"{FakeSlack.TeamId}/{Channel}"), await _bot.ScalarAsync<string>("SELECT hiring_channel FROM roles WHERE slug = 'be'"));
        Assert.True(_slack.Channel(Channel)!.BotIsMember); // joined, as the bot may for a public channel

        foreach (var add in new[]
                 {
                     "manager mona@example.com", "interviewer mona@example.com pool managers",
                     "interviewer ben@example.com pool backend", "interviewer bea@example.com pool backend", "interviewer bob@example.com pool backend",
                     "interviewer sam@example.com pool senior-backend", $"interviewer {Outsider} pool senior-backend", "interviewer hana@example.com pool behavioral",
                 })
        {
            var added = await AnswerAsync(rita, $"role add be {add}");
            Assert.DoesNotContain("isError", added);
        }
        var candidate = await AnswerAsync(rita, "candidate add be ada@example.com Ada Lovelace");
        Assert.Contains("Added Ada Lovelace", candidate);

        // Schedule: the options arrive on the response_url; picking the first books the loop.
        var (_, scheduleHook) = await CommandAsync(rita, "schedule ada@example.com");
        var options = JsonNode.Parse((await HookAsync(scheduleHook)).Body)!["blocks"]!.AsArray()
            .Where(b => (string?)b!["type"] == "actions").SelectMany(b => b!["elements"]!.AsArray()).First()!;
        var pick = await InteractAsync(new JsonObject
        {
            ["type"] = "block_actions", ["team"] = new JsonObject { ["id"] = FakeSlack.TeamId }, ["user"] = new JsonObject { ["id"] = rita },
            ["trigger_id"] = "t-pick", ["response_url"] = _slack.ResponseUrl("picked"),
            ["container"] = new JsonObject { ["type"] = "message", ["channel_id"] = Channel, ["message_ts"] = "1.1" },
            ["channel"] = new JsonObject { ["id"] = Channel },
            ["actions"] = new JsonArray(new JsonObject { ["action_id"] = (string?)options["action_id"], ["block_id"] = "b", ["type"] = "button", ["value"] = (string?)options["value"] }),
        });
        Assert.Equal(HttpStatusCode.OK, pick.StatusCode);
        Assert.Contains("Booked", (await HookAsync("picked")).Body);

        var loopId = await _bot.ScalarAsync<Guid>("SELECT l.id FROM loops l JOIN candidates c ON c.id = l.candidate_id WHERE c.email = 'ada@example.com'");
        var seats = new List<(Guid Interview, string Email)>();
        await using (var cmd = _bot.Db.CreateCommand(
            "SELECT i.id, p.email FROM interviews i JOIN interview_panelists p ON p.interview_id = i.id WHERE i.loop_id = $1 AND i.status = 'Scheduled' ORDER BY i.starts_at"))
        {
            cmd.Parameters.Add(new() { Value = loopId });
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync()) seats.Add((reader.GetGuid(0), reader.GetString(1)));
        }
        Assert.Contains(seats, s => s.Email == Outsider); // system design needs both senior interviewers

        // A day before each round its kits fall due (here: now).
        await _bot.ScalarAsync<object>("UPDATE outbox SET not_before = $1 WHERE idempotency_key LIKE 'kit:%'", TestClock.UtcNow);
        _bot.Services.GetRequiredService<OutboxSignal>().Notify();
        var kits = await SettledAsync(k => k.StartsWith("kit:", StringComparison.Ordinal), seats.Count);
        Assert.Equal(seats.Count, kits.Count);

        // Every interview ends; each panelist is asked for a scorecard.
        foreach (var interview in seats.Select(s => s.Interview).Distinct()) await _bot.EndInterviewAsync(interview);
        var requests = await SettledAsync(k => k.StartsWith("scorecard-request:", StringComparison.Ordinal), seats.Count);
        Assert.Equal(seats.Count, requests.Count);

        // The recruiter asks for the missing scorecards: the outsider is named, not counted.
        var nudged = await AnswerAsync(rita, "nudge ada@example.com");
        var reminded = seats.Where(s => s.Email != Outsider).Select(s => s.Email).Distinct().Count();
        Assert.Contains($"Reminded {reminded} panelists", nudged);
        Assert.Contains("could not reach them last time", nudged);
        Assert.Contains(Outsider, nudged);
        await SettledAsync(k => k.StartsWith("manual-nudge:", StringComparison.Ordinal), seats.Count(s => s.Email != Outsider));

        // Everyone else scores in the modal; the digest waits for the deadline (the outsider's is missing) and goes to the channel.
        foreach (var (interview, email) in seats.Where(s => s.Email != Outsider)) await SubmitScorecardAsync(email, interview);
        var scheduler = await _bot.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        using (HireBot.Organisations.OrgScope.Enter(HireBot.Organisations.OrgScope.Default)) // the fake workspace is the default organisation's
            await DigestJobs.ScheduleDeadlineAsync(scheduler, loopId, TestClock.Now, default);
        var digest = Assert.Single(await SettledAsync(k => k.StartsWith("digest-deadline:", StringComparison.Ordinal), 1));
        Assert.Equal(("sent", Recipients.Conversation("slack", $"{FakeSlack.TeamId}/{Channel}")), (digest.Status, digest.Recipient));

        // The channel is archived; the decision cannot be posted there.
        _slack.AddChannel(_slack.Channel(Channel)! with { IsArchived = true });
        var decided = await AnswerAsync("U0MONA", "decide ada@example.com hire Strong on every round");
        Assert.Contains("Recorded: Hire", decided);
        await SettledAsync(k => k.StartsWith("undelivered:decision:", StringComparison.Ordinal), 1);

        // Every message reached its person or channel, or failed for good and was reported to the recruiter once, in her DM.
        var rows = await OutboxAsync();
        var failed = rows.Where(r => r.Status == "failed").ToList();
        Assert.All(rows, r => Assert.True(r.Status is "sent" or "failed", r.Key));
        Assert.All(failed, f => Assert.True(f.Recipient == Recipients.Person(Outsider) || f.Key.StartsWith("decision:", StringComparison.Ordinal), f.Key));
        Assert.Contains(failed, f => f.Key.StartsWith("kit:", StringComparison.Ordinal));
        Assert.Contains(failed, f => f.Key.StartsWith("scorecard-request:", StringComparison.Ordinal));
        Assert.All(failed.Where(f => f.Recipient == Recipients.Person(Outsider)), f => Assert.Contains("users_not_found", f.Error));
        Assert.Contains("archived", Assert.Single(failed, f => f.Key.StartsWith("decision:", StringComparison.Ordinal)).Error);
        var reports = rows.Where(r => UndeliveredReports.IsReport(r.Key)).ToList();
        Assert.Equal(failed.Count, reports.Count);
        Assert.All(failed, f => Assert.Single(reports, r => r.Key.StartsWith($"undelivered:{f.Key}:", StringComparison.Ordinal)));
        Assert.All(reports, r => Assert.Equal((Recipients.Person("rita@example.com"), "sent"), (r.Recipient, r.Status)));
        var toRita = _slack.CallsTo("chat.postMessage").Where(c => c.Json.GetProperty("channel").GetString() == "DU0RITA").Select(c => c.Body).ToList();
        Assert.Equal(reports.Count, toRita.Count(b => b.Contains("Not delivered")));
        Assert.Contains(toRita, b => b.Contains(Outsider) && b.Contains("scorecard request"));
        Assert.Contains(toRita, b => b.Contains("hiring channel") && b.Contains("archived"));

        // Everyone with a Slack account got their kit and request in their own DM.
        foreach (var (interview, email) in seats.Where(s => s.Email != Outsider))
            Assert.Contains(_slack.CallsTo("chat.postMessage"), c => c.Json.GetProperty("channel").GetString() == "D" + UserOf(email) && c.Body.Contains("Open scorecard"));

        // status lists what did not arrive.
        var status = await AnswerAsync(rita, "status ada@example.com");
        Assert.Contains($"Not delivered ({failed.Count}):", status);
        Assert.Contains(Outsider, status);
        Assert.Contains("the hiring channel", status);
    }

    [Fact]
    public async Task Opening_hirebots_messages_tab_welcomes_once_in_that_dm()
    {
        async Task OpenAsync(string eventId)
        {
            var body = new JsonObject
            {
                ["type"] = "event_callback", ["team_id"] = FakeSlack.TeamId, ["event_id"] = eventId, ["event_time"] = 1,
                ["event"] = new JsonObject { ["type"] = "app_home_opened", ["user"] = "U0BEN", ["channel"] = "D0BEN", ["tab"] = "messages" },
            };
            var response = await _bot.Http.SendAsync(SlackSigner.Json("/slack/events", body.ToJsonString(), TestClock.Now));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await OpenAsync("Ev-open-1");
        await OpenAsync("Ev-open-2"); // every visit sends the event again

        await SettledAsync(k => k.StartsWith("welcome:", StringComparison.Ordinal), 1);
        var welcome = Assert.Single(_slack.CallsTo("chat.postMessage"), c => c.Json.GetProperty("channel").GetString() == "D0BEN");
        Assert.Contains("Welcome to HireBot", welcome.Body);
        Assert.Contains("role create", welcome.Body);
        Assert.Contains("help", welcome.Body);
        Assert.Empty(_slack.CallsTo("users.info")); // nothing asked of Slack while it waited for the acknowledgement
    }
}
