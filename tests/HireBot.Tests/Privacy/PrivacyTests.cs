using System.Globalization;
using System.Text.Json.Nodes;
using HireBot.Hiring;
using HireBot.Organisations;
using HireBot.Privacy;
using HireBot.Tests.Scheduling;
using HireBot.Tests.Support;
using static HireBot.Tests.Scorecards.ScorecardHarness;
using HireBot.Tests.Scorecards;

namespace HireBot.Tests.Privacy;

/// <summary><c>candidate forget</c>, <c>audit</c> and the retention setting, through the local channel and the real database.</summary>
public class PrivacyTests : IAsyncLifetime
{
    private const string Pat = "pat@example.com";
    private BotApp _bot = null!;

    public async Task InitializeAsync() => _bot = await BotApp.StartAsync(nameof(PrivacyTests), new Dictionary<string, string?>
    {
        ["Privacy:RetentionDays"] = "30",
        ["Privacy:SweepMinutes"] = "600", // the test drives the job itself
    });

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    /// <summary>A loop with one screen by Pat, scored (evidence "Walked through …", notes) and decided with a reason.</summary>
    private async Task<TestLoop> DecidedAsync(string role, bool amend = false)
    {
        var loop = await _bot.NewLoopAsync(role, new InterviewSpec("screen", [Pat]));
        var card = Filled(loop.Interviews[0], "screen", 3);
        card["notes"] = "Mentioned a health issue in passing.";
        Assert.False(IsError(await _bot.ActAsync(Pat, "scorecard.submit", card)));
        if (amend) Assert.False(IsError(await _bot.ActAsync(Pat, "scorecard.submit", Filled(loop.Interviews[0], "screen", 2, "no"))));
        Assert.False(IsError(await _bot.SayAsync(Recruiter, $"summary {loop.Candidate}")));
        Assert.False(IsError(await _bot.SayAsync(Recruiter, $"decide {loop.Candidate} hire Strong on modelling, relocating from Lisbon")));
        return loop;
    }

    [Fact]
    public async Task Forget_erases_name_email_evidence_and_decision_reason_and_keeps_the_ratings()
    {
        var loop = await DecidedAsync("fgs");
        // The check can fail: the free text is there before.
        Assert.Equal(1L, await _bot.ScalarAsync<long>("SELECT count(*) FROM scorecards WHERE interview_id = $1 AND ratings::text LIKE '%Walked through%'", loop.Interviews[0]));
        // The candidate came from an ATS, which keeps what it called them.
        await _bot.ScalarAsync<object>(
            "INSERT INTO ats_applications (org_id, application_id, ats_candidate_id, candidate_id, job_id, imported_name, imported_email, updated_at) " +
            "SELECT l.org_id, 'app-fgs', 'cand-fgs', l.candidate_id, 'job-1', 'Ada fgs', $2, now() FROM loops l WHERE l.id = $1", loop.LoopId, loop.Candidate);

        var reply = await _bot.SayAsync(Recruiter, $"candidate forget {loop.Candidate}");
        Assert.False(IsError(reply), Text(reply));
        Assert.Contains("Forgot the candidate", Text(reply));
        Assert.DoesNotContain("Ada fgs", reply.ToJsonString()); // the answer, an outbox row written after the erasure, names nobody

        Assert.Equal(0L, await _bot.ScalarAsync<long>("SELECT count(*) FROM candidates WHERE email = $1 OR name = 'Ada fgs'", loop.Candidate));
        Assert.Equal(0L, await _bot.ScalarAsync<long>("SELECT count(*) FROM ats_applications WHERE imported_email = $1 OR imported_name = 'Ada fgs'", loop.Candidate));
        Assert.Equal(1L, await _bot.ScalarAsync<long>("SELECT count(*) FROM ats_applications WHERE application_id = 'app-fgs'")); // still linked: a later import skips it
        Assert.Equal(CandidateEraser.ForgottenName, await _bot.ScalarAsync<string>("SELECT c.name FROM candidates c JOIN loops l ON l.candidate_id = c.id WHERE l.id = $1", loop.LoopId));
        Assert.EndsWith("@forgotten.invalid", await _bot.ScalarAsync<string>("SELECT c.email FROM candidates c JOIN loops l ON l.candidate_id = c.id WHERE l.id = $1", loop.LoopId));
        // Scores kept without a word of evidence: the numbers, panelist and round stay for calibration.
        var ratings = JsonNode.Parse((await _bot.ScalarAsync<string>("SELECT ratings::text FROM scorecards WHERE interview_id = $1 AND panelist_email = $2", loop.Interviews[0], Pat))!)!.AsArray();
        Assert.Equal(3, ratings.Count);
        Assert.All(ratings, r => { Assert.Equal(3, r!["rating"]!.GetValue<int>()); Assert.Equal("", r["evidence"]!.GetValue<string>()); });
        Assert.Equal("screen", await _bot.ScalarAsync<string>("SELECT round_id FROM interviews WHERE id = $1", loop.Interviews[0]));
        Assert.Null(await _bot.ScalarAsync<string>("SELECT notes FROM scorecards WHERE interview_id = $1", loop.Interviews[0]));
        Assert.Equal(0L, await _bot.ScalarAsync<long>(
            "SELECT count(*) FROM scorecard_audit WHERE interview_id = $1 AND (after::text LIKE '%Walked through%' OR after::text LIKE '%health%')", loop.Interviews[0]));
        Assert.Equal("", await _bot.ScalarAsync<string>("SELECT decision_reason FROM loops WHERE id = $1", loop.LoopId));
        Assert.Equal("Hire", await _bot.ScalarAsync<string>("SELECT decision FROM loops WHERE id = $1", loop.LoopId));
        // The old reference names nobody now.
        Assert.Contains("No candidate", Text(await _bot.SayAsync(Recruiter, $"candidate show {loop.Candidate}")));
    }

    [Fact]
    public async Task Forget_withdraws_pending_messages_cancels_booked_interviews_and_deletes_their_triggers()
    {
        var s = new LoopSetup(_bot, "fgb");
        await s.CreateAsync();
        // Far enough ahead that the kits (sent the day before) are still pending.
        var from = TestClock.Now.AddDays(10);
        await s.BookAsync($"between {from:yyyy-MM-dd} and {from.AddDays(6):yyyy-MM-dd}");
        var interviews = (await s.InterviewsAsync()).Select(r => (Guid)r[0]).ToArray();
        Assert.NotEmpty(interviews);
        const string Pending = "SELECT count(*) FROM outbox WHERE status IN ('pending', 'sending') AND payload::text LIKE '%Lovelace%'";
        Assert.True(await s.ScalarAsync<long>(Pending) > 0, "Booking queued no kit naming the candidate: the test would show nothing.");
        Assert.True(await s.ScalarAsync<long>("SELECT count(*) FROM local_event_attendees WHERE lower(email) = $1", s.Candidate) > 0);
        Assert.True(await s.ScalarAsync<long>("SELECT count(*) FROM qrtz_job_details WHERE job_name LIKE ANY($1)", new object[] { interviews.Select(i => $"%{i}%").ToArray() }) > 0);

        var reply = await _bot.SayAsync(LoopSetup.Recruiter, $"candidate forget {s.Candidate}");
        Assert.False(IsError(reply), Text(reply));

        Assert.Equal(0L, await s.ScalarAsync<long>(Pending));
        Assert.Equal(0L, await s.ScalarAsync<long>("SELECT count(*) FROM outbox WHERE status IN ('pending', 'sending') AND payload::text LIKE $1", $"%{s.Candidate}%"));
        Assert.All(await s.InterviewsAsync(), r => Assert.Fail("the candidate's email still finds interviews"));
        Assert.Equal(interviews.Length, await s.ScalarAsync<long>("SELECT count(*) FROM interviews WHERE id = ANY($1) AND status = 'Cancelled'", interviews));
        Assert.Equal(0L, await s.ScalarAsync<long>("SELECT count(*) FROM qrtz_job_details WHERE job_name LIKE ANY($1)", new object[] { interviews.Select(i => $"%{i}%").ToArray() }));
        // The local calendar is the bot's own data: its events no longer name the candidate.
        Assert.Equal(0L, await s.ScalarAsync<long>("SELECT count(*) FROM local_event_attendees WHERE lower(email) = $1", s.Candidate));
        Assert.Equal(0L, await s.ScalarAsync<long>("SELECT count(*) FROM local_events WHERE subject LIKE '%Lovelace%' OR body_html LIKE '%Lovelace%'"));
        Assert.Equal("Withdrawn", await s.ScalarAsync<string>("SELECT l.state FROM loops l JOIN interviews i ON i.loop_id = l.id WHERE i.id = $1", interviews[0]));

        // The record survives under the placeholder the reply names, without the name.
        var reference = Text(reply)[(Text(reply).IndexOf("`audit ", StringComparison.Ordinal) + 7)..].TrimEnd('.', '`');
        var audit = Text(await _bot.SayAsync(LoopSetup.Recruiter, $"audit {reference}"));
        Assert.Contains($"{LoopSetup.Recruiter} scheduled the loop", audit);
        Assert.Contains($"{LoopSetup.Recruiter} forgot the candidate", audit);
        Assert.DoesNotContain("Lovelace", audit);
    }

    [Fact]
    public async Task Only_recruiters_may_forget_and_others_change_nothing()
    {
        var loop = await _bot.NewLoopAsync("fgo", new InterviewSpec("screen", [Pat]));
        var manager = await _bot.SayAsync(Manager, $"candidate forget {loop.Candidate}");
        Assert.True(IsError(manager));
        Assert.Contains("Only the recruiters of `fgo`", Text(manager));
        Assert.Contains("Only the recruiters", Text(await _bot.SayAsync(Pat, $"candidate forget {loop.Candidate}")));
        Assert.Contains("No candidate", Text(await _bot.SayAsync("eve@example.com", $"candidate forget {loop.Candidate}")));
        Assert.Contains("Only the recruiters", Text(await _bot.SayAsync(Manager, $"audit {loop.Candidate}")));
        Assert.Equal(1L, await _bot.ScalarAsync<long>("SELECT count(*) FROM candidates WHERE email = $1 AND forgotten_at IS NULL", loop.Candidate));
    }

    [Fact]
    public async Task An_actor_of_another_organisation_gets_not_found()
    {
        var loop = await DecidedAsync("fgx");
        var handler = _bot.Services.GetRequiredService<HireBot.Commands.CommandDispatcher>();
        var other = await _bot.Services.GetRequiredService<OrganisationDirectory>().ForTeamsTenantAsync("tenant-privacy-other", default);
        // Same email as A's recruiter, but in another organisation: a stranger there.
        using (OrgScope.Enter(other))
            foreach (var command in new[] { "candidate forget", "audit" })
            {
                var reply = await handler.HandleAsync(new Actor(Recruiter, "Rita", "local"), $"{command} {loop.Candidate}", default);
                Assert.Equal($"No candidate `{loop.Candidate}`. `candidate list` shows them.", reply.Summary);
            }
        Assert.Equal(1L, await _bot.ScalarAsync<long>("SELECT count(*) FROM candidates WHERE email = $1 AND forgotten_at IS NULL", loop.Candidate));
        Assert.Equal(0L, await _bot.ScalarAsync<long>("SELECT count(*) FROM audit_events WHERE org_id = $1", other));
    }

    [Fact]
    public async Task Audit_lists_who_created_submitted_amended_viewed_and_decided_in_order_with_times()
    {
        var loop = await DecidedAsync("aud", amend: true);

        var audit = Text(await _bot.SayAsync(Recruiter, $"audit {loop.Candidate}"));
        var lines = audit.Split('\n').Skip(1).ToList();
        string[] expected =
        [
            $"{Recruiter} created the candidate",
            $"{Pat} submitted the screen scorecard",
            $"{Pat} amended the screen scorecard",
            $"{Recruiter} viewed the digest",
            $"{Recruiter} decided: Hire",
        ];
        Assert.Equal(expected, lines.Select(l => l[(l.IndexOf(" — ", StringComparison.Ordinal) + 3)..]));
        // Each line carries its time, on the bot's clock.
        var today = TestClock.Now.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.All(lines, l => Assert.StartsWith($"• {today} ", l));
    }

    [Fact]
    public async Task Retention_erases_a_candidate_decided_longer_ago_than_the_setting_and_not_one_within()
    {
        var old = await DecidedAsync("rto");
        var recent = await DecidedAsync("rtr");
        var open = await _bot.NewLoopAsync("rtn", new InterviewSpec("screen", [Pat]));
        var now = _bot.Clock.GetUtcNow();
        await _bot.ScalarAsync<int>("UPDATE loops SET decided_at = $2 WHERE id = $1", old.LoopId, now.AddDays(-31));
        await _bot.ScalarAsync<int>("UPDATE loops SET decided_at = $2 WHERE id = $1", recent.LoopId, now.AddDays(-29));
        const string Charts = "SELECT count(*) FROM charts WHERE loop_id = $1";
        Assert.True(await _bot.ScalarAsync<long>(Charts, old.LoopId) > 0, "the summary stored no chart: the erasure below would show nothing");

        await _bot.Services.GetRequiredService<RetentionJob>().RunAsync(default);

        Assert.Equal(0L, await _bot.ScalarAsync<long>("SELECT count(*) FROM candidates WHERE email = $1", old.Candidate));
        Assert.NotNull(await _bot.ScalarAsync<DateTime?>("SELECT c.forgotten_at FROM candidates c JOIN loops l ON l.candidate_id = c.id WHERE l.id = $1", old.LoopId));
        Assert.Equal(RetentionJob.Actor, await _bot.ScalarAsync<string>(
            "SELECT a.actor FROM audit_events a JOIN loops l ON l.candidate_id = a.candidate_id WHERE l.id = $1 AND a.action = 'forgot'", old.LoopId));
        Assert.Equal(0L, await _bot.ScalarAsync<long>(Charts, old.LoopId));
        Assert.True(await _bot.ScalarAsync<long>(Charts, recent.LoopId) > 0);
        foreach (var kept in new[] { recent.Candidate, open.Candidate })
            Assert.Equal(1L, await _bot.ScalarAsync<long>("SELECT count(*) FROM candidates WHERE email = $1 AND forgotten_at IS NULL", kept));
    }
}
