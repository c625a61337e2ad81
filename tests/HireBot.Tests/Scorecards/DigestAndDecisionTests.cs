using System.Globalization;
using System.Text.Json.Nodes;
using HireBot.Decisions;
using HireBot.Tests.Support;
using Quartz;
using static HireBot.Tests.Scorecards.ScorecardHarness;

namespace HireBot.Tests.Scorecards;

public class DigestAndDecisionTests : IAsyncLifetime
{
    private BotApp _bot = null!;

    public async Task InitializeAsync() => _bot = await BotApp.StartAsync(nameof(DigestAndDecisionTests));
    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private Task<List<JsonObject>> PostedAsync(TestLoop loop, string kind, int count = 1, int seconds = 15) =>
        _bot.WaitForLocalAsync(m => m["recipient"]!.GetValue<string>() == $"conversation:local:hiring-{loop.Role}" && m["kind"]!.GetValue<string>() == kind,
            count, TimeSpan.FromSeconds(seconds));

    [Fact]
    public async Task A_recruiter_on_the_panel_sees_no_summary_before_submitting_and_the_view_is_recorded_after()
    {
        var loop = await _bot.NewLoopAsync("ind", new InterviewSpec("screen", ["pat@example.com"]), new InterviewSpec("behavioral", [Recruiter]));
        await _bot.ActAsync("pat@example.com", "scorecard.submit", Filled(loop.Interviews[0], "screen", 3));

        var refused = await _bot.SayAsync(Recruiter, $"summary {loop.Candidate}");
        Assert.True(IsError(refused));
        Assert.Contains("have not submitted your scorecard", Text(refused));
        Assert.DoesNotContain("Walked through", refused.ToJsonString());
        Assert.Equal(0, await _bot.ScalarAsync<long>("SELECT count(*) FROM feedback_views WHERE loop_id = $1", loop.LoopId));

        var manager = await _bot.SayAsync(Manager, $"summary {loop.Candidate}");
        Assert.Equal("digest", manager["kind"]!.GetValue<string>());
        Assert.False(manager["public"]!.GetValue<bool>());
        Assert.Equal(0, await _bot.ScalarAsync<long>("SELECT count(*) FROM feedback_views WHERE loop_id = $1", loop.LoopId));

        await _bot.ActAsync(Recruiter, "scorecard.submit", Filled(loop.Interviews[1], "behavioral", 3));
        var after = await _bot.SayAsync(Recruiter, $"summary {loop.Candidate}");
        Assert.Equal("digest", after["kind"]!.GetValue<string>());
        Assert.False(after["data"]!["incomplete"]!.GetValue<bool>());
        Assert.Equal(1, await _bot.ScalarAsync<long>("SELECT count(*) FROM feedback_views WHERE loop_id = $1 AND email = $2", loop.LoopId, Recruiter));
    }

    [Fact]
    public async Task The_digest_goes_to_the_hiring_channel_once_when_the_last_scorecard_arrives()
    {
        var loop = await _bot.NewLoopAsync("dig", new InterviewSpec("screen", ["pat@example.com"], ["sam@example.com"]),
            new InterviewSpec("behavioral", ["quinn@example.com"]));
        await _bot.ActAsync("pat@example.com", "scorecard.submit", Filled(loop.Interviews[0], "screen", 3, "yes", "retries-everything-forever"));
        Assert.Null(await _bot.ScalarAsync<DateTime?>("SELECT digest_posted_at FROM loops WHERE id = $1", loop.LoopId));

        await _bot.ActAsync("quinn@example.com", "scorecard.submit", Filled(loop.Interviews[1], "behavioral", 2, "strong_no"));
        await _bot.ActAsync("quinn@example.com", "scorecard.submit", Filled(loop.Interviews[1], "behavioral", 3, "no"));

        var digests = await PostedAsync(loop, "digest");
        var digest = Assert.Single(digests)["card"]!.ToJsonString();
        Assert.DoesNotContain("Provisional", digest);
        Assert.DoesNotContain("${", digest);
        Assert.Contains("pat@example.com: Red flag: Retries everything forever", digest);
        Assert.DoesNotContain("Walked through", digest);
        Assert.NotNull(await _bot.ScalarAsync<DateTime?>("SELECT digest_posted_at FROM loops WHERE id = $1", loop.LoopId));
        Assert.Equal(1, await _bot.ScalarAsync<long>("SELECT count(*) FROM outbox WHERE idempotency_key LIKE $1", $"digest%{loop.LoopId}%"));
    }

    [Fact]
    public async Task Without_a_hiring_channel_the_digest_goes_to_each_recruiter_directly()
    {
        var loop = await _bot.NewLoopAsync("dm", new InterviewSpec("screen", ["pat@example.com"]));
        await _bot.SayAsync(Recruiter, $"role add {loop.Role} recruiter rex@example.com");
        await _bot.ScalarAsync<int>("UPDATE roles SET hiring_channel = NULL WHERE slug = $1", loop.Role);

        await _bot.ActAsync("pat@example.com", "scorecard.submit", Filled(loop.Interviews[0], "screen", 3));

        var digests = await _bot.WaitForLocalAsync(m => m["kind"]!.GetValue<string>() == "digest" && m["card"]!.ToJsonString().Contains($"Hiring digest: Ada {loop.Role}"), count: 2);
        Assert.Equal(["person:rex@example.com", $"person:{Recruiter}"], digests.Select(d => d["recipient"]!.GetValue<string>()).Order());
    }

    [Fact]
    public async Task The_deadline_digest_is_marked_incomplete_and_names_who_is_missing()
    {
        var loop = await _bot.NewLoopAsync("ddl", new InterviewSpec("screen", ["pat@example.com"]),
            new InterviewSpec("behavioral", ["quinn@example.com"], Completed: false));
        await _bot.EndInterviewAsync(loop.Interviews[1]);
        await _bot.ActAsync("pat@example.com", "scorecard.submit", Filled(loop.Interviews[0], "screen", 3));

        var scheduler = await _bot.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        Assert.True(await scheduler.GetJobDetail(DigestJobs.DeadlineKey(loop.LoopId)) is not null);
        await scheduler.TriggerJob(DigestJobs.DeadlineKey(loop.LoopId));

        var posted = Assert.Single(await PostedAsync(loop, "digest", seconds: 30));
        var digest = posted["card"]!.ToJsonString();
        Assert.Contains("Provisional hiring digest: Ada ddl", digest);
        Assert.DoesNotContain("\"Hiring digest:", digest);
        // Only the screen (all Technical) is rated: the weight shown is the rubric's 45 of 45 + 35 + 20, not 100% of what was rated.
        Assert.Contains("Technical (45%)", digest);
        Assert.DoesNotContain("(100%)", digest);
        // Quinn's behavioral focus competencies are unrated: said once in the text, under "Not assessed", not again as risk flags or
        // probe suggestions (the chart's alt text, which describes the picture for screen readers, says it once more).
        var text = posted["card"]!["body"]!.AsArray().Where(e => (string?)e!["type"] != "Image").Select(e => e!.ToJsonString());
        var image = posted["card"]!["body"]!.AsArray().Single(e => (string?)e!["type"] == "Image")!;
        foreach (var unrated in new[] { "Collaboration", "Ownership" })
        {
            Assert.Equal(1, System.Text.RegularExpressions.Regex.Count(string.Concat(text), $@"\b{unrated}\b"));
            Assert.Contains(unrated, (string)image["altText"]!);
        }
        Assert.DoesNotContain("nobody rated it", digest);
        Assert.Contains("quinn@example.com (Behavioral)", digest);
        Assert.DoesNotContain("pat@example.com (", digest);
        Assert.Equal(1, await _bot.ScalarAsync<long>("SELECT count(*) FROM outbox WHERE idempotency_key = $1", $"digest-deadline:{loop.LoopId}"));

        // Quinn may have read the provisional digest in the channel: the late scorecard is flagged, pat's is not.
        await _bot.ActAsync("quinn@example.com", "scorecard.submit", Filled(loop.Interviews[1], "behavioral", 2));
        Assert.True(await _bot.ScalarAsync<bool>("SELECT saw_others FROM scorecards WHERE panelist_email = 'quinn@example.com'"));
        Assert.False(await _bot.ScalarAsync<bool>("SELECT saw_others FROM scorecards WHERE panelist_email = 'pat@example.com'"));
    }

    [Fact]
    public async Task Deciding_closes_the_loop_posts_the_decision_and_stops_amendments()
    {
        var loop = await _bot.NewLoopAsync("dec", new InterviewSpec("screen", ["pat@example.com"], Completed: false));
        await _bot.EndInterviewAsync(loop.Interviews[0]);
        var scheduler = await _bot.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        Assert.NotNull(await scheduler.GetJobDetail(DigestJobs.DeadlineKey(loop.LoopId)));
        await _bot.ActAsync("pat@example.com", "scorecard.submit", Filled(loop.Interviews[0], "screen", 3));

        var decided = await _bot.SayAsync(Manager, $"decide {loop.Candidate} hire Strong systems thinking, clear communicator");

        Assert.False(IsError(decided), Text(decided));
        var card = Assert.Single(await PostedAsync(loop, "decision"))["card"]!.ToJsonString();
        Assert.Contains("Decision: Hire", card);
        Assert.Contains("Strong systems thinking, clear communicator", card);
        Assert.Equal("Decided", await _bot.ScalarAsync<string>("SELECT state FROM loops WHERE id = $1", loop.LoopId));
        Assert.Equal("Hire", await _bot.ScalarAsync<string>("SELECT decision FROM loops WHERE id = $1", loop.LoopId));
        Assert.Equal(Manager, await _bot.ScalarAsync<string>("SELECT decided_by FROM loops WHERE id = $1", loop.LoopId));
        Assert.Null(await scheduler.GetJobDetail(DigestJobs.DeadlineKey(loop.LoopId)));

        var amend = await _bot.ActAsync("pat@example.com", "scorecard.submit", Filled(loop.Interviews[0], "screen", 1, "strong_no"));
        Assert.True(IsError(amend));
        Assert.Contains("can no longer be changed", Text(amend));
        Assert.Equal(1, await _bot.ScalarAsync<long>("SELECT count(*) FROM scorecard_audit WHERE interview_id = $1", loop.Interviews[0]));

        var again = await _bot.SayAsync(Recruiter, $"decide {loop.Candidate} no-hire changed my mind");
        Assert.True(IsError(again));
        Assert.Contains("already decided (Hire)", Text(again));
    }

    [Theory]
    [InlineData("summary {0}", "pat@example.com", "Only the recruiters and hiring managers")]
    [InlineData("decide {0} hire looks good", "pat@example.com", "Only the recruiters and hiring managers")]
    [InlineData("decide {0} hire looks good", "mallory@example.com", "No candidate `cand-")]
    [InlineData("decide {0} maybe looks good", Recruiter, "Decide `hire` or `no-hire`")]
    public async Task Summary_and_decide_refuse_who_may_not_and_what_is_not_a_decision(string command, string who, string error)
    {
        var slug = "perm-" + Math.Abs((command + who).GetHashCode() % 100000);
        var loop = await _bot.NewLoopAsync(slug, new InterviewSpec("screen", ["pat@example.com"]));
        await _bot.ActAsync("pat@example.com", "scorecard.submit", Filled(loop.Interviews[0], "screen", 3));

        var reply = await _bot.SayAsync(who, string.Format(CultureInfo.InvariantCulture, command, loop.Candidate));

        Assert.True(IsError(reply));
        Assert.Contains(error, Text(reply));
        Assert.Equal("InProgress", await _bot.ScalarAsync<string>("SELECT state FROM loops WHERE id = $1", loop.LoopId));
        Assert.Equal(0, await _bot.ScalarAsync<long>("SELECT count(*) FROM outbox WHERE idempotency_key = $1", $"decision:{loop.LoopId}"));
    }

    [Fact]
    public async Task An_early_decision_cancels_the_rounds_still_booked_and_asks_nobody_to_score_them()
    {
        var loop = await _bot.NewLoopAsync("early", new InterviewSpec("screen", ["pat@example.com"]),
            new InterviewSpec("behavioral", ["quinn@example.com"], Completed: false));
        var scheduler = await _bot.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        using var org = HireBot.Organisations.OrgScope.Enter(HireBot.Organisations.OrgScope.Default); // tests act as the default organisation
        // The round still ahead has its triggers, as a booking sets them; the decision removes them with the cancellation.
        await HireBot.Hiring.InterviewJobs.ScheduleAsync(scheduler, loop.Interviews[1], TestClock.Now.AddDays(1), TestClock.Now.AddDays(1).AddHours(1), TestClock.Now, default);

        var reply = await _bot.SayAsync(Recruiter, $"decide {loop.Candidate} no-hire Failed the screen on data modeling");

        Assert.Contains("1 booked round was cancelled", Text(reply));
        Assert.Equal("Cancelled", await _bot.ScalarAsync<string>("SELECT status FROM interviews WHERE id = $1", loop.Interviews[1]));
        Assert.False(await scheduler.Exists(HireBot.Hiring.InterviewJobs.StartedKey(loop.Interviews[1])));
        Assert.False(await scheduler.Exists(HireBot.Hiring.InterviewJobs.EndedKey(loop.Interviews[1])));

        // Even if the round's end trigger had fired anyway, the closed loop sends no scorecard request.
        await HireBot.Hiring.InterviewJobs.ScheduleAsync(scheduler, loop.Interviews[1], TestClock.Now, default);
        // A one-shot job is deleted only once it has run to the end: then whatever it would have sent is written.
        var deadline = TestClock.UtcNow.AddSeconds(20);
        while (await scheduler.Exists(HireBot.Hiring.InterviewJobs.EndedKey(loop.Interviews[1])) && TestClock.UtcNow < deadline) await Task.Delay(100);
        Assert.False(await scheduler.Exists(HireBot.Hiring.InterviewJobs.EndedKey(loop.Interviews[1])), "the end-of-round job never ran");
        Assert.Equal(0L, await _bot.ScalarAsync<long>("SELECT count(*) FROM outbox WHERE idempotency_key LIKE $1", $"scorecard-request:{loop.Interviews[1]}:%"));
    }
}
