using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HireBot.Tests.Fakes;
using HireBot.Tests.Fakes.Ashby;
using HireBot.Tests.Scorecards;
using HireBot.Tests.Support;
using static HireBot.Tests.Ats.AtsTestSupport;

namespace HireBot.Tests.Ats;

/// <summary>
/// The real host against the loopback Ashby: connecting in chat (and by settings alone), the import
/// by a signed webhook and by the reconcile, a refused webhook, and the write-back of feedback
/// (v1 and the amended v2) and the decision exactly once through 429s and 5xx.
/// </summary>
public sealed partial class AshbyEndToEndTests
{
    private const string Admin = "admin@example.com";
    private const string Panelist = "pat@example.com";

    /// <summary>One job with an interview plan whose "Technical screen" is an interview stage (type Active), and a feedback form for it.</summary>
    private sealed record Seeded(FakeAshbyJob Job, string ScreenInterview, string PatUserId, string FormId)
    {
        public string Review => Job.StageIds[0];
        public string Screen => Job.StageIds[1];
    }

    private sealed record Connected(BotApp Bot, FakeAshby Fake, Seeded Seed, string Secret, string WebhookUrl) : IAsyncDisposable
    {
        public async Task<HttpStatusCode> SendWebhookAsync(string action, JsonObject data, string? secret = null, string? url = null)
        {
            var (body, headers) = FakeAshby.Webhook(action, data, secret ?? Secret);
            using var request = new HttpRequestMessage(HttpMethod.Post, url ?? WebhookUrl) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new("application/json");
            request.Headers.Add(HireBot.Ats.Ashby.AshbyWebhooks.SignatureHeader, headers[HireBot.Ats.Ashby.AshbyWebhooks.SignatureHeader]);
            using var response = await Bot.Http.SendAsync(request);
            return response.StatusCode;
        }

        public async ValueTask DisposeAsync()
        {
            await Bot.DisposeAsync();
            await Fake.DisposeAsync();
        }
    }

    private static Seeded Seed(FakeAshby fake)
    {
        var pat = fake.Store.AddUser("Pat", "Interviewer", Panelist);
        fake.Store.AddUser("Olu", "Outsider", "olu@elsewhere.test");
        var form = fake.Store.AddForm("Technical screen feedback", false,
            new FakeAshbyField("overall_recommendation", "ValueSelect", "Overall recommendation", true, "Strong No", "No", "Yes", "Strong Yes"),
            new FakeAshbyField("data_modeling", "Score", "Data modeling"),
            new FakeAshbyField("notes", "RichText", "Notes", true));
        fake.Store.AddForm("Default feedback", true, new FakeAshbyField("notes", "LongText", "Notes", true));
        var screen = fake.Store.AddInterview("Technical screen", form);
        var job = fake.Store.AddJob("Backend Engineer", ("Application Review", "Lead"), ("Technical screen", "Active"), ("Offer", "Offer"));
        fake.Store.AddJob("Data Engineer", ("Application Review", "Lead"), ("Technical screen", "Active"));
        fake.Store.AddJob("Site Reliability Engineer", ("Technical screen", "Active")); // three jobs: two pages (FakeAshby.PageSize)
        return new Seeded(job, screen, pat, form);
    }

    private static Dictionary<string, string?> Settings(FakeAshby fake, double reconcileMinutes) => new()
    {
        ["Ats:EncryptionKey"] = AtsTestSupport.SealKey,
        ["Ats:AshbyUrl"] = fake.BaseUrl.ToString(),
        ["Ats:ReconcileMinutes"] = reconcileMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Orgs:default:Admins"] = Admin,
        ["Orgs:default:EmailDomains"] = "example.com",
    };

    /// <summary>`ats connect ashby` in chat, verified in the background, with the first import done.</summary>
    private static async Task<Connected> ConnectAsync(string name, double reconcileMinutes)
    {
        var fake = await FakeAshby.StartAsync();
        var seed = Seed(fake);
        var bot = await BotApp.StartAsync(name, Settings(fake, reconcileMinutes));
        var reply = await bot.SayAsync(Admin, $"ats connect ashby {FakeAshby.ApiKey}");
        Assert.False(ScorecardHarness.IsError(reply), ScorecardHarness.Text(reply));
        var secret = SecretShown().Match(ScorecardHarness.Text(reply)).Groups[1].Value;
        Assert.Equal(48, secret.Length);
        var verified = await bot.WaitForLocalAsync(m => m["recipient"]!.GetValue<string>() == $"person:{Admin}"
            && m["card"]!.ToJsonString().Contains("Connected to ashby") && m["card"]!.ToJsonString().Contains("interviewScheduleCreate"));
        Assert.True(verified.Count == 1, "No verification message: " + await Diagnose(bot, fake));
        await UntilAsync(async () => await bot.ScalarAsync<DateTime?>("SELECT last_sync_at FROM ats_connections") is not null
            && await bot.ScalarAsync<long>("SELECT count(*) FROM ats_jobs") == 3, "the first import made the three roles");
        var token = (await bot.ScalarAsync<string>("SELECT webhook_token FROM ats_connections"))!;
        return new Connected(bot, fake, seed, secret, new Uri(bot.BaseAddress, $"/ats/{token}/webhook").ToString());
    }

    [GeneratedRegex("`([0-9a-f]{48})`")]
    private static partial Regex SecretShown();

    private static JsonObject ApplicationData(FakeAshby fake, string applicationId)
    {
        lock (fake.Store.Gate) return new JsonObject { ["application"] = fake.Store.Application(applicationId)!.DeepClone() };
    }

    [Fact]
    public async Task A_new_application_at_an_interview_stage_arrives_by_signed_webhook_with_its_interview_booked_and_a_bad_signature_changes_nothing()
    {
        await using var c = await ConnectAsync("ashby_webhook", 600);
        var store = c.Fake.Store;
        var start = TestClock.Now.AddDays(2);
        var ada = store.AddApplication(c.Seed.Job.Id, c.Seed.Screen, "Ada Lovelace", "ada@candidates.test", TestClock.Now, TestClock.Now);
        var schedule = store.AddSchedule(ada);
        var eventId = store.AddEvent(schedule, c.Seed.ScreenInterview, start, start.AddMinutes(45), c.Seed.PatUserId, store.Users.Keys.Last());

        Assert.Equal(HttpStatusCode.OK, await c.SendWebhookAsync("applicationSubmit", ApplicationData(c.Fake, ada)));
        await UntilAsync(async () => await c.Bot.ScalarAsync<long>("SELECT count(*) FROM ats_interviews") == 1, "the webhook imported the application");
        Assert.Equal("backend-engineer", await c.Bot.ScalarAsync<string>(
            "SELECT r.slug FROM candidates c JOIN roles r ON r.id = c.role_id WHERE c.email = 'ada@candidates.test'"));
        Assert.Equal("Ada Lovelace", await c.Bot.ScalarAsync<string>("SELECT name FROM candidates WHERE email = 'ada@candidates.test'"));
        Assert.Equal(eventId, await c.Bot.ScalarAsync<string>("SELECT ats_interview_id FROM ats_interviews"));
        // Taken as booked: the loop is scheduled, the round matched by the interview's title, the time Ashby's.
        Assert.Equal("Scheduled", await c.Bot.ScalarAsync<string>("SELECT l.state FROM loops l JOIN candidates c ON c.id = l.candidate_id WHERE c.email = 'ada@candidates.test'"));
        Assert.Equal("screen", await c.Bot.ScalarAsync<string>("SELECT round_id FROM interviews"));
        Assert.Equal(start.UtcDateTime, (await c.Bot.ScalarAsync<DateTime>("SELECT starts_at FROM interviews")).ToUniversalTime(), TimeSpan.FromMilliseconds(1));
        // Panelists matched by their Ashby email inside the organisation; the outsider is reported, not added.
        Assert.Equal(Panelist, await c.Bot.ScalarAsync<string>("SELECT string_agg(email, ',') FROM interview_panelists"));
        await c.Bot.WaitForLocalAsync(m => m["card"]!.ToJsonString().Contains("could not be matched"));

        // A second delivery of the same change imports nothing twice.
        var synced = await c.Bot.ScalarAsync<DateTime>("SELECT last_sync_at FROM ats_connections");
        Assert.Equal(HttpStatusCode.OK, await c.SendWebhookAsync("candidateStageChange", ApplicationData(c.Fake, ada)));
        await UntilAsync(async () => await c.Bot.ScalarAsync<DateTime>("SELECT last_sync_at FROM ats_connections") > synced, "the repeated webhook's sync ran");
        Assert.Equal(1L, await c.Bot.ScalarAsync<long>("SELECT count(*) FROM interviews"));
        Assert.Equal(1L, await c.Bot.ScalarAsync<long>("SELECT count(*) FROM candidates"));

        // A delivery signed with another secret, or not signed at all, is refused before it is read and starts nothing.
        await UntilAsync(async () => await SyncsPendingAsync(c.Bot) == 0, "the repeated webhook's sync finished");
        var grace = store.AddApplication(c.Seed.Job.Id, c.Seed.Screen, "Grace Hopper", "grace@candidates.test", TestClock.Now, TestClock.Now);
        synced = await c.Bot.ScalarAsync<DateTime>("SELECT last_sync_at FROM ats_connections");
        var calls = c.Fake.Calls.Count;
        Assert.Equal(HttpStatusCode.Unauthorized, await c.SendWebhookAsync("applicationSubmit", ApplicationData(c.Fake, grace), secret: "not-the-secret"));
        Assert.Equal(HttpStatusCode.NotFound, await c.SendWebhookAsync("applicationSubmit", ApplicationData(c.Fake, grace), url: c.WebhookUrl.Replace("/ats/", "/ats/x")));
        // The webhook schedules its sync before it answers, so a refused one has left no trigger and no running sync behind.
        Assert.Equal(0L, await SyncsPendingAsync(c.Bot));
        Assert.Equal(synced, await c.Bot.ScalarAsync<DateTime>("SELECT last_sync_at FROM ats_connections"));
        Assert.Equal(calls, c.Fake.Calls.Count);
        Assert.Equal(0L, await c.Bot.ScalarAsync<long>("SELECT count(*) FROM candidates WHERE email = 'grace@candidates.test'"));

        // Later changes move the watermark past Ada's application, whose updatedAt Ashby does not touch when it schedules interviews.
        var bo = store.AddApplication(c.Seed.Job.Id, c.Seed.Review, "Bo Later", "bo@candidates.test", TestClock.Now.AddMinutes(5), TestClock.Now.AddMinutes(5));
        Assert.Equal(HttpStatusCode.OK, await c.SendWebhookAsync("applicationSubmit", ApplicationData(c.Fake, bo)));
        await UntilAsync(async () => await c.Bot.ScalarAsync<DateTime?>("SELECT watermark FROM ats_connections") > TestClock.UtcNow.AddMinutes(4), "the watermark moved past Ada");

        // A second interview scheduled in Ashby for Ada: the interviewScheduleCreate webhook books it.
        var onsite = store.AddSchedule(ada);
        var second = store.AddEvent(onsite, c.Seed.ScreenInterview, start.AddDays(1), start.AddDays(1).AddMinutes(45), c.Seed.PatUserId);
        Assert.Equal(HttpStatusCode.OK, await c.SendWebhookAsync("interviewScheduleCreate",
            new JsonObject { ["interviewSchedule"] = new JsonObject { ["id"] = onsite, ["applicationId"] = ada, ["status"] = "Scheduled" } }));
        await UntilAsync(async () => await c.Bot.ScalarAsync<long>("SELECT count(*) FROM ats_interviews") == 2, "the webhook booked the new interview");
        Assert.Equal(1L, await c.Bot.ScalarAsync<long>("SELECT count(*) FROM ats_interviews WHERE ats_interview_id = $1", second));

        // Cancelled in Ashby: the interviewScheduleUpdate webhook cancels it here too.
        lock (store.Gate) store.Schedules.Single(s => (string?)s["id"] == schedule)["status"] = "Cancelled";
        Assert.Equal(HttpStatusCode.OK, await c.SendWebhookAsync("interviewScheduleUpdate",
            new JsonObject { ["interviewSchedule"] = new JsonObject { ["id"] = schedule, ["applicationId"] = ada, ["status"] = "Cancelled" } }));
        await UntilAsync(async () => await c.Bot.ScalarAsync<string>(
            "SELECT i.status FROM interviews i JOIN ats_interviews a ON a.interview_id = i.id WHERE a.ats_interview_id = $1", eventId) == "Cancelled",
            "the cancelled interview was cancelled");
        Assert.Equal("Scheduled", await c.Bot.ScalarAsync<string>(
            "SELECT i.status FROM interviews i JOIN ats_interviews a ON a.interview_id = i.id WHERE a.ats_interview_id = $1", second));
        Assert.Empty(c.Fake.Faults);
    }

    [Fact]
    public async Task Connected_by_settings_alone_a_missed_webhook_and_a_stage_change_are_caught_by_the_reconcile()
    {
        var fake = await FakeAshby.StartAsync();
        var seed = Seed(fake);
        var settings = Settings(fake, 0.05); // every 3 s
        settings.Remove("Ats:AshbyUrl");
        settings["Ats:Connections:default:Kind"] = "ashby";
        settings["Ats:Connections:default:ApiKey"] = FakeAshby.ApiKey;
        settings["Ats:Connections:default:WebhookSecret"] = FakeAshby.WebhookSecret;
        settings["Ats:Connections:default:WebhookToken"] = "settings-webhook-token-0123456789abcdef";
        settings["Ats:Connections:default:BaseUrl"] = fake.BaseUrl.ToString();
        settings["Ats:Connections:default:Admin"] = Admin;
        var early = TestClock.Now.AddDays(-10);
        var moved = fake.Store.AddApplication(seed.Job.Id, seed.Review, "Mary Jackson", "mj@candidates.test", early, early); // Application Review
        await using var bot = await BotApp.StartAsync("ashby_reconcile", settings);
        await using var _ = fake;

        await UntilAsync(async () => await bot.ScalarAsync<DateTime?>("SELECT watermark FROM ats_connections") is not null,
            "the reconcile read the applications and set its watermark", seconds: 30);
        Assert.Equal(3L, await bot.ScalarAsync<long>("SELECT count(*) FROM ats_jobs"));
        Assert.Equal(0L, await bot.ScalarAsync<long>("SELECT count(*) FROM candidates"));
        Assert.Contains("ashby (from settings)", ScorecardHarness.Text(await bot.SayAsync(Admin, "ats status")));

        // No webhook announces either change: a new application, and an old one moved to the interview stage.
        var kj = fake.Store.AddApplication(seed.Job.Id, seed.Screen, "Katherine Johnson", "kj@candidates.test", TestClock.Now.AddMinutes(1), TestClock.Now.AddMinutes(1));
        fake.Store.MoveApplication(moved, seed.Screen, TestClock.Now.AddMinutes(2));
        // The import adds the candidate, then records its application: wait for both, not the first.
        await UntilAsync(async () => await bot.ScalarAsync<long>(
                "SELECT count(*) FROM candidates c JOIN ats_applications a ON a.candidate_id = c.id WHERE c.email IN ('kj@candidates.test', 'mj@candidates.test')") == 2,
            "the reconcile imported what no webhook announced", seconds: 30);
        Assert.Equal(2L, await bot.ScalarAsync<long>("SELECT count(*) FROM ats_applications"));
        Assert.Contains(kj, (await bot.ScalarAsync<string>("SELECT string_agg(application_id, ',') FROM ats_applications"))!);
        Assert.All(fake.CallsTo("application.list"), call => Assert.Equal(200, call.Status));

        // An interview scheduled in Ashby whose webhook never came: Ashby leaves the application's updatedAt as it was.
        var start = TestClock.Now.AddDays(3);
        var missed = fake.Store.AddEvent(fake.Store.AddSchedule(kj), seed.ScreenInterview, start, start.AddMinutes(45), seed.PatUserId);
        await UntilAsync(async () => await bot.ScalarAsync<long>("SELECT count(*) FROM ats_interviews WHERE ats_interview_id = $1", missed) == 1,
            "the reconcile booked the interview no webhook announced", seconds: 30);

        // The settings' secret verifies webhooks on the settings' token.
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/ats/settings-webhook-token-0123456789abcdef/webhook");
        var (body, headers) = FakeAshby.Webhook("ping", new JsonObject());
        request.Content = new ByteArrayContent(body);
        request.Headers.Add(HireBot.Ats.Ashby.AshbyWebhooks.SignatureHeader, headers[HireBot.Ats.Ashby.AshbyWebhooks.SignatureHeader]);
        using var response = await bot.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(fake.Faults);
    }

    [Fact]
    public async Task Feedback_v1_and_v2_and_the_decision_arrive_exactly_once_on_the_form_after_a_fifth_of_answers_failed()
    {
        await using var c = await ConnectAsync("ashby_export", 600);
        var store = c.Fake.Store;
        var start = TestClock.Now.AddHours(-3);
        var ada = store.AddApplication(c.Seed.Job.Id, c.Seed.Screen, "Ada Byron", "ada.byron@candidates.test", TestClock.Now, TestClock.Now);
        var eventId = store.AddEvent(store.AddSchedule(ada), c.Seed.ScreenInterview, start, start.AddMinutes(45), c.Seed.PatUserId);
        Assert.Equal(HttpStatusCode.OK, await c.SendWebhookAsync("applicationSubmit", ApplicationData(c.Fake, ada)));
        await UntilAsync(async () => await c.Bot.ScalarAsync<string>("SELECT status FROM interviews") == "Completed", "the past interview ended");
        var interview = await c.Bot.ScalarAsync<Guid>("SELECT id FROM interviews");
        // The role's mapping, as `role import` stores it: data-modeling to the form's Score field by its path; the rest go as text.
        var import = await c.Bot.SayAsync(Admin, "role import backend-engineer " + Template(c.Bot, """{"data-modeling": "data_modeling"}"""));
        Assert.False(ScorecardHarness.IsError(import), ScorecardHarness.Text(import));

        c.Fake.FailRandomly(0.2, seed: 16);
        var synced = await c.Bot.ScalarAsync<DateTime>("SELECT last_sync_at FROM ats_connections");
        Assert.False(ScorecardHarness.IsError(await c.Bot.SayAsync(Admin, "ats sync")));
        await UntilAsync(async () => await c.Bot.ScalarAsync<DateTime>("SELECT last_sync_at FROM ats_connections") > synced, "a sync through the faults", seconds: 60);
        Assert.False(ScorecardHarness.IsError(await c.Bot.ActAsync(Panelist, "scorecard.submit", ScorecardHarness.Filled(interview, "screen", 3))));
        Assert.False(ScorecardHarness.IsError(await c.Bot.ActAsync(Panelist, "scorecard.submit", ScorecardHarness.Filled(interview, "screen", 4))));
        var decided = await c.Bot.SayAsync(Admin, "decide ada.byron@candidates.test hire Strong on every competency");
        Assert.False(ScorecardHarness.IsError(decided), ScorecardHarness.Text(decided));

        // Every write-back row final (sent or failed): only then could a duplicate have been written.
        var rows = $"recipient = 'conversation:ats:{ada}'";
        await UntilAsync(async () => await c.Bot.ScalarAsync<long>($"SELECT count(*) FROM outbox WHERE {rows} AND status IN ('sent', 'failed')") == 3,
            "three write-backs final", seconds: 90);
        Assert.True(await c.Bot.ScalarAsync<long>($"SELECT count(*) FROM outbox WHERE {rows} AND status = 'sent'") == 3,
            await c.Bot.ScalarAsync<string>($"SELECT string_agg(idempotency_key || ' ' || status || ' ' || coalesce(last_error, ''), '; ') FROM outbox WHERE {rows}"));
        Assert.Equal(3L, await c.Bot.ScalarAsync<long>($"SELECT count(*) FROM outbox WHERE {rows}"));

        var feedback = c.Fake.Submissions;
        Assert.Equal(2, feedback.Count);
        Assert.All(feedback, f =>
        {
            Assert.Equal(c.Seed.FormId, (string?)f["feedbackFormDefinitionId"]);
            Assert.Equal(eventId, (string?)f["interviewEventId"]);
            Assert.Equal(Panelist, (string?)f["submittedByUser"]!["email"]);
            Assert.Equal("yes", (string?)f["submittedValues"]!["overall_recommendation"]);
        });
        var notes = feedback.Select(f => (string)f["submittedValues"]!["notes"]!["value"]!).ToList();
        Assert.Single(notes, n => n.Contains("-v1", StringComparison.Ordinal));
        var v2 = feedback.Single(f => ((string)f["submittedValues"]!["notes"]!["value"]!).Contains("-v2", StringComparison.Ordinal));
        var v1 = feedback.Single(f => f != v2);
        Assert.Equal(3, (int)v1["submittedValues"]!["data_modeling"]!["score"]!);
        Assert.Equal(4, (int)v2["submittedValues"]!["data_modeling"]!["score"]!);
        Assert.Contains("data-modeling", (string)v2["submittedValues"]!["data_modeling"]!["comments"]!["value"]!);
        var text = (string)v2["submittedValues"]!["notes"]!["value"]!;
        Assert.Contains("api-design: 4", text);
        Assert.Contains("reliability: 4", text);
        Assert.DoesNotContain("data-modeling: 4", text);

        var decision = Assert.Single(c.Fake.Notes);
        Assert.StartsWith("HireBot decision: Hire", (string)decision["content"]!);
        Assert.Contains("Strong on every competency", (string)decision["content"]!);

        Assert.Contains(c.Fake.Faulted, f => f.Status == 429);
        Assert.Contains(c.Fake.Faulted, f => f.Status >= 500);
        Assert.Empty(c.Fake.Faults);
    }

    /// <summary>Syncs waiting or running: their trigger rows, or their fired rows while they run.</summary>
    private static async Task<long> SyncsPendingAsync(BotApp bot) =>
        await bot.ScalarAsync<long>("SELECT count(*) FROM qrtz_triggers WHERE job_group = 'ats' AND job_name LIKE 'ats-sync-%'")
        + await bot.ScalarAsync<long>("SELECT count(*) FROM qrtz_fired_triggers WHERE job_group = 'ats' AND job_name LIKE 'ats-sync-%'");

    private static async Task<string> Diagnose(BotApp bot, FakeAshby fake) =>
        await bot.ScalarAsync<string>("SELECT string_agg(idempotency_key || ' ' || status || ' ' || coalesce(last_error, ''), '; ') FROM outbox") + " | " +
        await bot.ScalarAsync<string>("SELECT coalesce(last_error, 'no error') || ' ' || coalesce(verified_at::text, 'unverified') FROM ats_connections") + " | " +
        string.Join(",", fake.Calls.Select(r => $"{r.Method} {r.Status}"));
}
