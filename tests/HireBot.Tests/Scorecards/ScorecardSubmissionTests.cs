using System.Text.Json.Nodes;
using HireBot.Decisions;
using HireBot.Tests.Support;
using Quartz;
using static HireBot.Tests.Scorecards.ScorecardHarness;

namespace HireBot.Tests.Scorecards;

public class ScorecardSubmissionTests : IAsyncLifetime
{
    private BotApp _bot = null!;

    public async Task InitializeAsync() => _bot = await BotApp.StartAsync(nameof(ScorecardSubmissionTests));
    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task When_an_interview_ends_each_scoring_panelist_gets_the_scorecard_and_the_deadline_digest_is_scheduled()
    {
        var loop = await _bot.NewLoopAsync("req", new InterviewSpec("screen", ["pat@example.com", "pia@example.com"], ["sam@example.com"], Completed: false));

        await _bot.EndInterviewAsync(loop.Interviews[0]);

        var cards = await _bot.WaitForLocalAsync(m => m["kind"]!.GetValue<string>() == "scorecard", count: 2);
        Assert.Equal(["person:pat@example.com", "person:pia@example.com"], cards.Select(c => c["recipient"]!.GetValue<string>()).Order());
        var card = cards[0]["card"]!.ToJsonString();
        Assert.Contains("Data modeling", card);
        Assert.Contains("Reliability", card);
        Assert.Contains("Retries everything forever", card);
        Assert.DoesNotContain("Security", card);
        Assert.DoesNotContain("${", card);
        var ids = await _bot.ScalarAsync<long>("SELECT count(*) FROM outbox WHERE idempotency_key LIKE $1", $"scorecard-request:{loop.Interviews[0]}:%");
        Assert.Equal(2, ids);
        Assert.Equal(0, await _bot.ScalarAsync<long>("SELECT count(*) FROM outbox WHERE recipient = 'person:sam@example.com'"));

        var deadline = await _bot.ScalarAsync<DateTime>("SELECT deadline FROM loops WHERE id = $1", loop.LoopId);
        var endsAt = await _bot.ScalarAsync<DateTime>("SELECT ends_at FROM interviews WHERE id = $1", loop.Interviews[0]);
        Assert.Equal(TimeSpan.FromHours(48), deadline - endsAt);
        var scheduler = await _bot.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var triggers = await scheduler.GetTriggersOfJob(DigestJobs.DeadlineKey(loop.LoopId));
        Assert.Equal(DateTime.SpecifyKind(deadline, DateTimeKind.Utc), Assert.Single(triggers).StartTimeUtc.UtcDateTime);
    }

    [Fact]
    public async Task Invalid_submission_comes_back_with_the_errors_and_everything_typed()
    {
        var loop = await _bot.NewLoopAsync("bad", new InterviewSpec("screen", ["pat@example.com"]));
        var data = Filled(loop.Interviews[0], "screen", 3, recommendation: "");
        data["rating.api-design"] = "7";
        data["evidence.reliability"] = "fine";
        data["redFlags"] = "retries-everything-forever,made-up-flag";

        var reply = await _bot.ActAsync("pat@example.com", "scorecard.submit", data);

        Assert.Equal("scorecard", reply["kind"]!.GetValue<string>());
        Assert.True(reply["replaces"]!.GetValue<bool>());
        var card = reply["data"]!.AsObject();
        Assert.Contains("4 answers need attention", card["error"]!.GetValue<string>());
        Assert.Contains("recommendation", card["error"]!.GetValue<string>());
        Assert.Contains("red flags", card["error"]!.GetValue<string>());
        var rows = card["competencies"]!.AsArray().ToDictionary(c => c!["id"]!.GetValue<string>(), c => c!.AsObject());
        Assert.Null(rows["data-modeling"]["error"]);
        Assert.Contains("rating from 1 to 4", rows["api-design"]["error"]!.GetValue<string>());
        Assert.Equal("7", rows["api-design"]["rating"]!.GetValue<string>());
        Assert.Contains("3 words of evidence", rows["reliability"]["error"]!.GetValue<string>());
        Assert.Equal("fine", rows["reliability"]["evidence"]!.GetValue<string>());
        Assert.Equal(data["evidence.data-modeling"]!.GetValue<string>(), rows["data-modeling"]["evidence"]!.GetValue<string>());
        Assert.Equal("retries-everything-forever,made-up-flag", card["selectedRedFlags"]!.GetValue<string>());
        Assert.Equal(0, await _bot.ScalarAsync<long>("SELECT count(*) FROM scorecards WHERE interview_id = $1", loop.Interviews[0]));
    }

    [Fact]
    public async Task A_double_click_stores_one_scorecard_and_both_clicks_see_it_submitted()
    {
        var loop = await _bot.NewLoopAsync("dbl", new InterviewSpec("screen", ["pat@example.com", "pia@example.com"]));
        var data = Filled(loop.Interviews[0], "screen", 3, redFlags: "retries-everything-forever");

        var replies = await Task.WhenAll(
            _bot.ActAsync("pat@example.com", "scorecard.submit", data),
            _bot.ActAsync("pat@example.com", "scorecard.submit", data.DeepClone().AsObject()));

        Assert.All(replies, r => Assert.Equal("scorecard-submitted", r["kind"]!.GetValue<string>()));
        Assert.All(replies, r => Assert.True(r["replaces"]!.GetValue<bool>()));
        Assert.Equal(1, await _bot.ScalarAsync<long>("SELECT count(*) FROM scorecards WHERE interview_id = $1", loop.Interviews[0]));
        Assert.Equal(1, await _bot.ScalarAsync<long>("SELECT count(*) FROM scorecard_audit WHERE interview_id = $1", loop.Interviews[0]));
        Assert.Equal(["Retries everything forever"], (await _bot.ScalarAsync<string[]>(
            "SELECT red_flags FROM scorecards WHERE interview_id = $1", loop.Interviews[0]))!);
        Assert.Equal(JsonValue.Create("3 · Leaning yes")!.ToJsonString(), replies[0]["data"]!["competencies"]![0]!["rating"]!.ToJsonString());
    }

    [Theory]
    [InlineData("mallory@example.com", "That interview no longer exists.")]
    [InlineData("sam@example.com", "Only the panelists")]
    [InlineData("pia@example.com", "Only the panelists")]
    public async Task Only_a_scoring_panelist_of_the_interview_may_open_or_submit_its_scorecard(string who, string error)
    {
        var slug = "who-" + who.Split('@')[0];
        var loop = await _bot.NewLoopAsync(slug, new InterviewSpec("screen", ["pat@example.com"], ["sam@example.com"]),
            new InterviewSpec("behavioral", ["pia@example.com"]));

        var submit = await _bot.ActAsync(who, "scorecard.submit", Filled(loop.Interviews[0], "screen", 3));
        var open = await _bot.ActAsync(who, "scorecard.open", new JsonObject { ["interviewId"] = loop.Interviews[0].ToString() });

        Assert.True(IsError(submit));
        Assert.Contains(error, Text(submit));
        Assert.True(IsError(open));
        Assert.Equal(0, await _bot.ScalarAsync<long>("SELECT count(*) FROM scorecards WHERE interview_id = $1", loop.Interviews[0]));
    }

    [Fact]
    public async Task Amending_keeps_before_and_after_in_the_audit_trail_and_flags_a_panelist_who_saw_others_first()
    {
        var loop = await _bot.NewLoopAsync("amd", new InterviewSpec("screen", ["pat@example.com"]), new InterviewSpec("behavioral", [Recruiter]));
        await _bot.ActAsync("pat@example.com", "scorecard.submit", Filled(loop.Interviews[0], "screen", 2, "no"));

        var form = await _bot.ActAsync("pat@example.com", "scorecard.amend", new JsonObject { ["interviewId"] = loop.Interviews[0].ToString() });
        Assert.Equal("scorecard", form["kind"]!.GetValue<string>());
        Assert.Equal("2", form["data"]!["competencies"]![0]!["rating"]!.GetValue<string>());
        Assert.Equal("no", form["data"]!["recommendation"]!.GetValue<string>());

        var amended = await _bot.ActAsync("pat@example.com", "scorecard.submit", Filled(loop.Interviews[0], "screen", 3, "yes"));
        Assert.Equal("scorecard-submitted", amended["kind"]!.GetValue<string>());
        Assert.Contains("(amended)", amended["data"]!["submittedAt"]!.GetValue<string>());

        var audit = await _bot.ScalarAsync<string>(
            "SELECT json_agg(json_build_object('by', changed_by, 'before', before, 'after', after) ORDER BY id)::text FROM scorecard_audit WHERE interview_id = $1",
            loop.Interviews[0]);
        var rows = JsonNode.Parse(audit!)!.AsArray();
        Assert.Equal(2, rows.Count);
        Assert.Null(rows[0]!["before"]);
        Assert.Equal("No", rows[1]!["before"]!["recommendation"]!.GetValue<string>());
        Assert.Equal(2, rows[1]!["before"]!["ratings"]![0]!["rating"]!.GetValue<int>());
        Assert.Equal("Yes", rows[1]!["after"]!["recommendation"]!.GetValue<string>());
        Assert.Equal("pat@example.com", rows[1]!["by"]!.GetValue<string>());
        Assert.False(await _bot.ScalarAsync<bool>("SELECT saw_others FROM scorecards WHERE interview_id = $1", loop.Interviews[0]));

        // Pat sees the summary (as a panelist who has submitted), then amends again: flagged as possibly anchored.
        await _bot.SayAsync(Recruiter, $"role add {loop.Role} manager pat@example.com");
        var summary = await _bot.SayAsync("pat@example.com", $"summary {loop.Candidate}");
        Assert.Equal("digest", summary["kind"]!.GetValue<string>());
        await _bot.ActAsync("pat@example.com", "scorecard.submit", Filled(loop.Interviews[0], "screen", 4, "strong_yes"));
        Assert.True(await _bot.ScalarAsync<bool>("SELECT saw_others FROM scorecards WHERE interview_id = $1", loop.Interviews[0]));
        Assert.Equal(3, await _bot.ScalarAsync<long>("SELECT count(*) FROM scorecard_audit WHERE interview_id = $1", loop.Interviews[0]));
    }
}
