using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using HireBot.Tests.Fakes;
using HireBot.Tests.Scorecards;
using HireBot.Tests.Support;
using static HireBot.Tests.Ats.AtsTestSupport;

namespace HireBot.Tests.Ats;

/// <summary>
/// The recruiter's side of the Greenhouse import, through the bot: a candidate added by hand is
/// linked rather than duplicated, an ATS change never silently overwrites what a recruiter set,
/// <c>ats link</c>, an application Greenhouse refuses (reported, the sync goes on), what
/// <c>ats status</c> shows, and problems told in chat.
/// </summary>
public sealed partial class GreenhouseTests
{
    [Fact]
    public async Task A_candidate_added_by_hand_is_linked_not_duplicated_and_an_ATS_change_overwrites_only_what_no_recruiter_set()
    {
        await using var c = await ConnectAsync("ats_conflict", 600);
        await UntilAsync(async () => await c.Bot.ScalarAsync<DateTime?>("SELECT last_sync_at FROM ats_connections") is not null, "the first import finished");
        var added = await c.Bot.SayAsync(Admin, "candidate add backend-engineer ada@candidates.test Ada L.");
        Assert.False(ScorecardHarness.IsError(added), ScorecardHarness.Text(added));
        c.Fake.AddApplication("5201", "7201", "Ada", "Lovelace", "ada@candidates.test", "101", "2101", TestClock.Now);
        c.Fake.AddApplication("5202", "7202", "Grace", "Hopper", "grace@candidates.test", "101", "2101", TestClock.Now);

        Assert.Equal(HttpStatusCode.OK, await FakeGreenhouse.SendWebhookAsync(c.Bot.Http, c.WebhookUrl, c.Secret, "new_candidate_application", "5201", "101"));
        await ToldAsync(c.Bot, "Ada L. (already a candidate for `backend-engineer`) is now linked to greenhouse application 5201, not added twice. " +
                               "greenhouse calls them Ada Lovelace; HireBot keeps the name typed here.");
        await ToldAsync(c.Bot, "Imported Grace Hopper from greenhouse");
        Assert.Equal(1L, await c.Bot.ScalarAsync<long>("SELECT count(*) FROM candidates WHERE email = 'ada@candidates.test'"));
        Assert.Equal(2L, await c.Bot.ScalarAsync<long>("SELECT count(*) FROM candidates"));
        Assert.Equal("Ada L.", await c.Bot.ScalarAsync<string>(
            "SELECT c.name FROM ats_applications a JOIN candidates c ON c.id = a.candidate_id WHERE a.application_id = '5201'"));

        // Greenhouse renames both and changes their emails: Ada's name was typed by a recruiter, so it
        // stays and the recruiters are told; Grace's came from Greenhouse, so it is taken without a word.
        var synced = await c.Bot.ScalarAsync<DateTime>("SELECT last_sync_at FROM ats_connections");
        var later = TestClock.Now.AddMinutes(5);
        c.Fake.ChangeCandidate("5201", "Ada", "King", "ada.king@candidates.test", later);
        c.Fake.ChangeCandidate("5202", "Grace", "Brewster Hopper", "grace.hopper@candidates.test", later);
        Assert.Equal(HttpStatusCode.OK, await FakeGreenhouse.SendWebhookAsync(c.Bot.Http, c.WebhookUrl, c.Secret, "application_updated", "5201", "101"));
        await ToldAsync(c.Bot, "The ATS now has Ada L. (application 5201) as Ada King <ada.king@candidates.test>. " +
                               "HireBot kept Ada L. <ada@candidates.test>: HireBot's name and email were set here by a recruiter.");
        await UntilAsync(async () => await c.Bot.ScalarAsync<DateTime>("SELECT last_sync_at FROM ats_connections") > synced, "the webhook's sync finished");
        Assert.Equal("Ada L.|ada@candidates.test", await c.Bot.ScalarAsync<string>(
            "SELECT c.name || '|' || c.email FROM ats_applications a JOIN candidates c ON c.id = a.candidate_id WHERE a.application_id = '5201'"));
        Assert.Equal("Grace Brewster Hopper|grace.hopper@candidates.test", await c.Bot.ScalarAsync<string>(
            "SELECT c.name || '|' || c.email FROM ats_applications a JOIN candidates c ON c.id = a.candidate_id WHERE a.application_id = '5202'"));
        Assert.Equal(0L, await c.Bot.ScalarAsync<long>("SELECT count(*) FROM outbox WHERE idempotency_key LIKE 'ats-conflict:5202:%'"));
        Assert.Equal(1L, await c.Bot.ScalarAsync<long>("SELECT count(*) FROM outbox WHERE idempotency_key LIKE 'ats-conflict:5201:%'"));
        Assert.Equal(2L, await c.Bot.ScalarAsync<long>("SELECT count(*) FROM candidates"));
    }

    [Fact]
    public async Task Ats_link_a_refused_application_and_unmatched_interviewers_are_told_in_chat_the_sync_goes_on_and_ats_status_shows_it()
    {
        await using var c = await ConnectAsync("ats_link", 600);
        await UntilAsync(async () => await c.Bot.ScalarAsync<DateTime?>("SELECT last_sync_at FROM ats_connections") is not null, "the first import finished");
        foreach (var add in new[] { "candidate add backend-engineer bob@candidates.test Bob Hand", "candidate add backend-engineer carol@candidates.test Carol Hand" })
            Assert.False(ScorecardHarness.IsError(await c.Bot.SayAsync(Admin, add)));

        // A wrong id: Greenhouse has no application 9999. The link is stored, and the sync it starts reports the 404.
        var linked = await c.Bot.SayAsync(Admin, "ats link bob@candidates.test 9999");
        Assert.False(ScorecardHarness.IsError(linked), ScorecardHarness.Text(linked));
        Assert.Contains("Linked Bob Hand to ATS application 9999", ScorecardHarness.Text(linked));
        await ToldAsync(c.Bot, "greenhouse refused application 9999 of Bob Hand during a sync: Greenhouse answered 404: Application not found. " +
                               "If the id is wrong, link the right one with `ats link bob@candidates.test <application-id>`.");

        // Greenhouse: one application it will refuse to read (deleted meanwhile), then Carol's (named
        // otherwise there) and Katherine's, whose interview has someone from outside the organisation.
        var start = TestClock.Now.AddDays(2);
        c.Fake.AddApplication("5303", "7303", "Gone", "Soon", "gone@candidates.test", "101", "2101", TestClock.Now.AddMinutes(1));
        c.Fake.RefuseApplication("5303");
        c.Fake.AddApplication("5302", "7302", "Caroline", "Hand", "caroline@candidates.test", "101", "2101", TestClock.Now.AddMinutes(2));
        c.Fake.AddApplication("5301", "7301", "Katherine", "Johnson", "kj@candidates.test", "101", "2101", TestClock.Now.AddMinutes(3));
        c.Fake.AddInterview("5301", "9301", "Technical screen", start, start.AddMinutes(45), ("555", Panelist), ("556", "stranger@elsewhere.test"));

        linked = await c.Bot.SayAsync(Admin, "ats link carol@candidates.test 5302");
        Assert.False(ScorecardHarness.IsError(linked), ScorecardHarness.Text(linked));
        await ToldAsync(c.Bot, "greenhouse refused application 5303 of Gone Soon during a sync: Greenhouse answered 404: Application not found");
        await ToldAsync(c.Bot, "The ATS now has Carol Hand (application 5302) as Caroline Hand <caroline@candidates.test>. " +
                               "HireBot kept Carol Hand <carol@candidates.test>: HireBot's name and email were set here by a recruiter.");
        await ToldAsync(c.Bot, "Katherine Johnson's Technical screen");
        await ToldAsync(c.Bot, "but stranger could not be matched to anyone in this organisation by email");
        // The sync went on past the refused application: Katherine's interview came in, with the one panelist who is a person here.
        await UntilAsync(async () => await c.Bot.ScalarAsync<long>("SELECT count(*) FROM ats_interviews WHERE application_id = '5301'") == 1, "Katherine's interview was taken");
        Assert.Equal(Panelist, await c.Bot.ScalarAsync<string>("SELECT email FROM interview_panelists"));
        Assert.Equal("Carol Hand|carol@candidates.test", await c.Bot.ScalarAsync<string>(
            "SELECT c.name || '|' || c.email FROM ats_applications a JOIN candidates c ON c.id = a.candidate_id WHERE a.application_id = '5302'"));
        Assert.Equal(0L, await c.Bot.ScalarAsync<long>("SELECT count(*) FROM candidates WHERE email = 'caroline@candidates.test'"));

        // An application already linked to someone else is refused, and Bob keeps his link.
        var taken = await c.Bot.SayAsync(Admin, "ats link bob@candidates.test 5302");
        Assert.True(ScorecardHarness.IsError(taken));
        Assert.Contains("already linked to Carol Hand", ScorecardHarness.Text(taken));
        Assert.Equal("9999", await c.Bot.ScalarAsync<string>(
            "SELECT a.application_id FROM ats_applications a JOIN candidates c ON c.id = a.candidate_id WHERE c.email = 'bob@candidates.test'"));

        await UntilAsync(async () => (await c.Bot.ScalarAsync<string>("SELECT last_error FROM ats_connections"))?.Contains("5303", StringComparison.Ordinal) == true,
            "the sync stored its problems");
        var status = ScorecardHarness.Text(await c.Bot.SayAsync(Admin, "ats status"));
        Assert.StartsWith("ATS: greenhouse, key verified ", status);
        Assert.Contains("; last sync ", status);
        Assert.Contains("The last sync had 2 problem(s): greenhouse refused application 5303 of Gone Soon during a sync: Greenhouse answered 404", status);
        Assert.Contains("Interview 9301: 1 interviewer(s) not matched.", status);
        Assert.Contains("3 job(s) as roles, 4 application(s) as candidates, 0 write-back(s) failed.", status);

        // A full sync reads Bob's wrong id again: the problem shows in `ats status`, but the recruiters are not told twice.
        var synced = await c.Bot.ScalarAsync<DateTime>("SELECT last_sync_at FROM ats_connections");
        Assert.False(ScorecardHarness.IsError(await c.Bot.SayAsync(Admin, "ats sync")));
        await UntilAsync(async () => await c.Bot.ScalarAsync<DateTime>("SELECT last_sync_at FROM ats_connections") > synced, "the full sync finished");
        Assert.Contains("application 9999", await c.Bot.ScalarAsync<string>("SELECT last_error FROM ats_connections"));
        Assert.Equal(1L, await c.Bot.ScalarAsync<long>("SELECT count(*) FROM outbox WHERE idempotency_key LIKE 'ats-problem:refused:9999:%'"));
    }

    /// <summary>Waits until the admin (the imported roles' recruiter) was told <paramref name="text"/> in chat, once.</summary>
    private static async Task ToldAsync(BotApp bot, string text)
    {
        var found = await bot.WaitForLocalAsync(m => m["recipient"]!.GetValue<string>() == $"person:{Admin}" && Strings(m["card"]).Contains(text, StringComparison.Ordinal));
        if (found.Count == 1) return;
        var all = await bot.WaitForLocalAsync(m => m["recipient"]!.GetValue<string>() == $"person:{Admin}", count: int.MaxValue, timeout: TimeSpan.Zero);
        Assert.Fail($"Told {found.Count} time(s), not once: {text}\nThe admin was told:\n" + string.Join("\n", all.Select(m => Strings(m["card"]))));
    }

    /// <summary>Every string in a card, joined: the text as a person reads it, whatever the card's layout.</summary>
    private static string Strings(JsonNode? node) => node switch
    {
        JsonObject o => string.Join(" ", o.Select(p => Strings(p.Value))),
        JsonArray a => string.Join(" ", a.Select(Strings)),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => "",
    };
}
