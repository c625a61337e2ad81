using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HireBot.Tests.Fakes;
using HireBot.Tests.Scorecards;
using HireBot.Tests.Support;
using static HireBot.Tests.Ats.AtsTestSupport;

namespace HireBot.Tests.Ats;

/// <summary>
/// The real host against the loopback Greenhouse: connecting in chat (verified in the background),
/// the import by webhook and by the reconcile, a refused webhook, and the write-back of scorecards
/// and the decision exactly once through 429s and 5xx.
/// </summary>
public sealed partial class GreenhouseTests
{
    private const string Admin = "admin@example.com";
    private const string Panelist = "pat@example.com";

    private sealed record Connected(BotApp Bot, FakeGreenhouse Fake, string Secret, string WebhookUrl) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Bot.DisposeAsync();
            await Fake.DisposeAsync();
        }
    }

    private static async Task<Connected> ConnectAsync(string name, double reconcileMinutes)
    {
        var fake = await FakeGreenhouse.StartAsync();
        fake.AddJob("101", "Backend Engineer", "2101", "Technical screen");
        fake.AddJob("102", "Data Engineer", "2102", "Technical screen");
        fake.AddJob("103", "Site Reliability Engineer", "2103", "Technical screen"); // three jobs: two pages (FakeGreenhouse.PageSize)
        var bot = await BotApp.StartAsync(name, new Dictionary<string, string?>
        {
            ["Ats:EncryptionKey"] = AtsTestSupport.SealKey,
            ["Ats:GreenhouseUrl"] = fake.BaseUrl.ToString(),
            ["Ats:ReconcileMinutes"] = reconcileMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orgs:default:Admins"] = Admin,
            ["Orgs:default:EmailDomains"] = "example.com",
        });
        var reply = await bot.SayAsync(Admin, $"ats connect greenhouse {FakeGreenhouse.ApiKey} user 555");
        Assert.False(ScorecardHarness.IsError(reply), ScorecardHarness.Text(reply));
        var secret = SecretShown().Match(ScorecardHarness.Text(reply)).Groups[1].Value;
        Assert.Equal(48, secret.Length);
        var verified = await bot.WaitForLocalAsync(m => m["recipient"]!.GetValue<string>() == $"person:{Admin}"
            && m["card"]!.ToJsonString().Contains("Connected to greenhouse"));
        Assert.True(verified.Count == 1, "No verification message: " + await bot.ScalarAsync<string>(
            "SELECT string_agg(idempotency_key || ' ' || status || ' ' || coalesce(last_error, ''), '; ') FROM outbox") + " | " +
            await bot.ScalarAsync<string>("SELECT coalesce(last_error, 'no error') || ' ' || coalesce(verified_at::text, 'unverified') FROM ats_connections") + " | " +
            string.Join(",", fake.Requests.Select(r => $"{r.Method} {r.Path} {r.Status}")) + " | " +
            await bot.ScalarAsync<string>("SELECT string_agg(trigger_name || ' ' || trigger_state || ' ' || next_fire_time, '; ') FROM qrtz_triggers WHERE job_group = 'ats'") + " | " +
            await bot.ScalarAsync<string>("SELECT string_agg(job_name, '; ') FROM qrtz_job_details WHERE job_group = 'ats'"));
        await UntilAsync(async () => await bot.ScalarAsync<long>("SELECT count(*) FROM ats_jobs") == 3, "the first import made the three roles");
        var token = (await bot.ScalarAsync<string>("SELECT webhook_token FROM ats_connections"))!;
        return new Connected(bot, fake, secret, new Uri(bot.BaseAddress, $"/ats/{token}/webhook").ToString());
    }

    [GeneratedRegex("`([0-9a-f]{48})`")]
    private static partial Regex SecretShown();

    [Fact]
    public async Task Connect_is_refused_to_someone_who_is_not_an_organisation_admin_and_stores_the_key_sealed()
    {
        await using var c = await ConnectAsync("ats_connect", 600);
        var refused = await c.Bot.SayAsync("rita@example.com", $"ats connect greenhouse {FakeGreenhouse.ApiKey}");
        Assert.True(ScorecardHarness.IsError(refused));
        Assert.Contains("Orgs__<key>__Admins", ScorecardHarness.Text(refused));
        var stored = (await c.Bot.ScalarAsync<string>("SELECT api_key FROM ats_connections"))!;
        Assert.StartsWith("ats1.", stored);
        Assert.DoesNotContain(FakeGreenhouse.ApiKey, stored);
        Assert.Contains(c.Fake.Requests, r => r.Path == "/v1/jobs" && r.Status == 200);
        Assert.Contains("greenhouse", ScorecardHarness.Text(await c.Bot.SayAsync(Admin, "ats status")));
    }

    [Fact]
    public async Task A_new_application_at_an_interview_stage_arrives_by_webhook_with_its_booked_interview_and_a_bad_signature_changes_nothing()
    {
        await using var c = await ConnectAsync("ats_webhook", 600);
        var start = TestClock.Now.AddDays(2);
        c.Fake.AddApplication("5001", "7001", "Ada", "Lovelace", "ada@candidates.test", "101", "2101", TestClock.Now);
        c.Fake.AddInterview("5001", "9001", "Technical screen", start, start.AddMinutes(45), ("555", Panelist));

        Assert.Equal(HttpStatusCode.OK, await FakeGreenhouse.SendWebhookAsync(c.Bot.Http, c.WebhookUrl, c.Secret, "new_candidate_application", "5001", "101"));
        await UntilAsync(async () => await c.Bot.ScalarAsync<long>("SELECT count(*) FROM ats_interviews") == 1, "the webhook imported the application");
        Assert.Equal("backend-engineer", await c.Bot.ScalarAsync<string>(
            "SELECT r.slug FROM candidates c JOIN roles r ON r.id = c.role_id WHERE c.email = 'ada@candidates.test'"));
        Assert.Equal("Scheduled", await c.Bot.ScalarAsync<string>("SELECT l.state FROM loops l JOIN candidates c ON c.id = l.candidate_id WHERE c.email = 'ada@candidates.test'"));
        Assert.Equal("screen", await c.Bot.ScalarAsync<string>("SELECT round_id FROM interviews"));
        Assert.Equal(Panelist, await c.Bot.ScalarAsync<string>("SELECT email FROM interview_panelists"));
        // A second delivery of the same change imports nothing twice.
        var synced = await c.Bot.ScalarAsync<DateTime>("SELECT last_sync_at FROM ats_connections");
        Assert.Equal(HttpStatusCode.OK, await FakeGreenhouse.SendWebhookAsync(c.Bot.Http, c.WebhookUrl, c.Secret, "candidate_stage_change", "5001", "101"));
        await UntilAsync(async () => await c.Bot.ScalarAsync<DateTime>("SELECT last_sync_at FROM ats_connections") > synced, "the repeated webhook's sync ran");
        Assert.Equal(1L, await c.Bot.ScalarAsync<long>("SELECT count(*) FROM interviews"));

        c.Fake.AddApplication("5002", "7002", "Grace", "Hopper", "grace@candidates.test", "101", "2101", TestClock.Now);
        Assert.Equal(HttpStatusCode.Unauthorized, await FakeGreenhouse.SendWebhookAsync(c.Bot.Http, c.WebhookUrl, "not-the-secret", "new_candidate_application", "5002", "101"));
        Assert.Equal(HttpStatusCode.NotFound, await FakeGreenhouse.SendWebhookAsync(c.Bot.Http, c.WebhookUrl.Replace("/ats/", "/ats/x"), c.Secret, "new_candidate_application", "5002", "101"));
        await Task.Delay(1500);
        Assert.Equal(0L, await c.Bot.ScalarAsync<long>("SELECT count(*) FROM candidates WHERE email = 'grace@candidates.test'"));
        Assert.Equal(1L, await c.Bot.ScalarAsync<long>("SELECT count(*) FROM candidates"));
        Assert.Equal(1L, await c.Bot.ScalarAsync<long>("SELECT count(*) FROM interviews"));

        // Cancelled in Greenhouse: the interview_deleted webhook cancels it here too.
        c.Fake.RemoveInterview("5001", "9001");
        Assert.Equal(HttpStatusCode.OK, await FakeGreenhouse.SendWebhookAsync(c.Bot.Http, c.WebhookUrl, c.Secret, "interview_deleted", "5001", "101"));
        await UntilAsync(async () => await c.Bot.ScalarAsync<string>("SELECT status FROM interviews") == "Cancelled", "the deleted interview was cancelled");
    }

    [Fact]
    public async Task A_missed_webhook_is_caught_by_the_reconcile()
    {
        await using var c = await ConnectAsync("ats_reconcile", 0.05); // every 3 s
        c.Fake.AddApplication("6001", "8001", "Katherine", "Johnson", "kj@candidates.test", "102", "2102", TestClock.Now.AddMinutes(1));
        c.Fake.AddApplication("6002", "8002", "Not", "Yet", "ny@candidates.test", "102", "12102", TestClock.Now.AddMinutes(1)); // Application Review
        await UntilAsync(async () => await c.Bot.ScalarAsync<long>("SELECT count(*) FROM candidates WHERE email = 'kj@candidates.test'") == 1
                && await c.Bot.ScalarAsync<DateTime?>("SELECT watermark FROM ats_connections") is not null,
            "the reconcile imported the application no webhook announced and moved its watermark", seconds: 30);
        Assert.Equal(0L, await c.Bot.ScalarAsync<long>("SELECT count(*) FROM candidates WHERE email = 'ny@candidates.test'"));
        Assert.NotNull(await c.Bot.ScalarAsync<DateTime?>("SELECT watermark FROM ats_connections"));
        Assert.Contains(c.Fake.Requests, r => r.Path == "/v1/applications" && r.Status == 200);
    }

    [Fact]
    public async Task Scorecards_and_the_decision_arrive_exactly_once_with_the_mapping_after_a_fifth_of_answers_failed()
    {
        await using var c = await ConnectAsync("ats_export", 600);
        var start = TestClock.Now.AddHours(-3);
        c.Fake.AddApplication("5101", "7101", "Ada", "Byron", "ada.byron@candidates.test", "101", "2101", TestClock.Now);
        c.Fake.AddInterview("5101", "9101", "Technical screen", start, start.AddMinutes(45), ("555", Panelist));
        Assert.Equal(HttpStatusCode.OK, await FakeGreenhouse.SendWebhookAsync(c.Bot.Http, c.WebhookUrl, c.Secret, "new_candidate_application", "5101", "101"));
        await UntilAsync(async () => await c.Bot.ScalarAsync<string>("SELECT status FROM interviews") == "Completed", "the past interview ended");
        var interview = (await c.Bot.ScalarAsync<Guid>("SELECT id FROM interviews"));
        // The role's mapping, as `role import` stores it: data-modeling to a Greenhouse attribute; the rest go as text.
        var import = await c.Bot.SayAsync(Admin, "role import backend-engineer " + Template(c.Bot, """{"data-modeling": "attr-31"}"""));
        Assert.False(ScorecardHarness.IsError(import), ScorecardHarness.Text(import));

        c.Fake.FailEvery(5);
        c.Fake.LoseNoteAnswers(2); // stored, answered 500: the retry must find them, not write them again
        var synced = await c.Bot.ScalarAsync<DateTime>("SELECT last_sync_at FROM ats_connections");
        Assert.False(ScorecardHarness.IsError(await c.Bot.SayAsync(Admin, "ats sync")));
        await UntilAsync(async () => await c.Bot.ScalarAsync<DateTime>("SELECT last_sync_at FROM ats_connections") > synced, "a sync through the faults");
        Assert.False(ScorecardHarness.IsError(await c.Bot.ActAsync(Panelist, "scorecard.submit", ScorecardHarness.Filled(interview, "screen", 3))));
        Assert.False(ScorecardHarness.IsError(await c.Bot.ActAsync(Panelist, "scorecard.submit", ScorecardHarness.Filled(interview, "screen", 4))));
        var decided = await c.Bot.SayAsync(Admin, "decide ada.byron@candidates.test hire Strong on every competency");
        Assert.False(ScorecardHarness.IsError(decided), ScorecardHarness.Text(decided));

        // Every write-back row finally sent: only then could a duplicate have been written.
        await UntilAsync(async () => await c.Bot.ScalarAsync<long>("SELECT count(*) FROM outbox WHERE recipient = 'conversation:ats:5101' AND status <> 'sent'") == 0
            && await c.Bot.ScalarAsync<long>("SELECT count(*) FROM outbox WHERE recipient = 'conversation:ats:5101'") == 3, "three notes reached Greenhouse", seconds: 60);
        var notes = c.Fake.Notes;
        Assert.Equal(3, notes.Count);
        Assert.All(notes, n => Assert.Equal("7101", n.CandidateId));
        Assert.All(notes, n => Assert.Equal("555", n.OnBehalfOf));
        var bodies = notes.Select(n => n.Body["body"]!.GetValue<string>()).ToList();
        Assert.Single(bodies, b => b.StartsWith("HireBot scorecard v1", StringComparison.Ordinal));
        Assert.Single(bodies, b => b.StartsWith("HireBot scorecard v2", StringComparison.Ordinal));
        Assert.Single(bodies, b => b.StartsWith("HireBot decision: Hire", StringComparison.Ordinal));
        var v2 = bodies.Single(b => b.StartsWith("HireBot scorecard v2", StringComparison.Ordinal));
        Assert.Contains("[attr-31] data-modeling: 4/4", v2);
        Assert.Contains("Not mapped to a Greenhouse attribute:", v2);
        Assert.Contains("- api-design: 4/4", v2);
        Assert.Contains("- reliability: 4/4", v2);
        Assert.Contains(c.Fake.Requests, r => r.Status == 429);
        Assert.Contains(c.Fake.Requests, r => r.Status >= 500);
        Assert.Equal(3L, await c.Bot.ScalarAsync<long>("SELECT count(*) FROM outbox WHERE recipient = 'conversation:ats:5101' AND status = 'sent'"));
    }
}
