using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HireBot.Tests.Scorecards;
using HireBot.Tests.Support;
using Npgsql;

namespace HireBot.Tests.Nudges;

/// <summary>Nudges on one real host: a submitted scorecard silences them, manual nudges and snoozes.</summary>
public sealed class NudgeHostTests : IAsyncLifetime
{
    private BotApp _app = null!;

    public async Task InitializeAsync() => _app = await BotApp.StartAsync(nameof(NudgeHostTests));

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_submitted_scorecard_means_no_reminder_and_no_escalation()
    {
        var at = TestClock.Now.AddSeconds(1);
        Func<int, DateTimeOffset[]> plan = _ => [at];
        var (_, pairs) = await NudgeSeed.SeedAsync(_app.Db, "sub", 1, 2, plan, escalationsAt: at);
        await ExecAsync("INSERT INTO scorecards (interview_id, panelist_email, ratings, recommendation, submitted_at, org_id) VALUES ($1, $2, '{}', 3, now(), '00000000-0000-0000-0000-000000000001')",
            pairs[0].InterviewId, pairs[0].Email);
        await NudgeSeed.ScheduleAsync(_app.Db, pairs, plan, escalations: true, escalationsAt: at);

        var got = await _app.WaitForLocalAsync(m => m["kind"]!.ToString() is "nudge" or "message", count: 4, timeout: TimeSpan.FromSeconds(8));

        Assert.Equal(3, got.Count); // the other panelist's reminder, and one escalation each to the recruiter and the manager
        Assert.All(got, m => Assert.DoesNotContain(pairs[0].Email, m.ToJsonString()));
        Assert.Single(got, m => m["recipient"]!.ToString() == "person:" + pairs[1].Email && m["kind"]!.ToString() == "nudge");
        Assert.Contains(got, m => m["recipient"]!.ToString() == "person:rec-sub@example.com");
        Assert.Contains(got, m => m["recipient"]!.ToString() == "person:hm-sub@example.com");
        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM nudge_events WHERE interview_id = $1 AND email = $2 AND done_at IS NULL", pairs[0].InterviewId, pairs[0].Email));
        Assert.Equal(3L, await ScalarAsync("SELECT count(*) FROM nudge_events WHERE interview_id = $1 AND email = $2", pairs[0].InterviewId, pairs[0].Email));
    }

    [Fact]
    public async Task A_later_reminder_replaces_the_earlier_one_and_each_is_written_once()
    {
        Func<int, DateTimeOffset[]> plan = _ => [TestClock.Now.AddMinutes(-10), TestClock.Now.AddSeconds(6)];
        var (_, pairs) = await NudgeSeed.SeedAsync(_app.Db, "chain", 1, 1, plan);
        await NudgeSeed.ScheduleAsync(_app.Db, pairs, plan);

        var got = await _app.WaitForLocalAsync(m => m["kind"]!.ToString() == "nudge", count: 3, timeout: TimeSpan.FromSeconds(16));

        var key = $"nudge:{pairs[0].InterviewId}:{pairs[0].Email}:";
        Assert.Equal(2, got.Count);
        Assert.Equal(DBNull.Value, await ScalarAsync("SELECT replaces_key FROM outbox WHERE idempotency_key = $1", key + "1"));
        Assert.Equal(key + "1", await ScalarAsync("SELECT replaces_key FROM outbox WHERE idempotency_key = $1", key + "2"));
        Assert.Equal(key + "2", await ScalarAsync("SELECT last_reminder_key FROM nudge_plans WHERE interview_id = $1", pairs[0].InterviewId));
        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM nudge_events WHERE interview_id = $1 AND done_at IS NULL", pairs[0].InterviewId));
    }

    [Fact]
    public async Task Ending_an_interview_plans_the_events_and_submitting_closes_only_the_submitters()
    {
        var loop = await _app.NewLoopAsync("evt", new InterviewSpec("screen", ["pat@example.com", "pia@example.com"], Completed: false));
        await _app.EndInterviewAsync(loop.Interviews[0]);
        await _app.WaitForLocalAsync(m => m["kind"]!.ToString() == "scorecard", count: 2);
        const string pending = "SELECT count(*) FROM nudge_events WHERE interview_id = $1 AND email = $2 AND done_at IS NULL";
        var planned = await ScalarAsync(pending, loop.Interviews[0], "pat@example.com");

        var reply = await _app.ActAsync("pat@example.com", "scorecard.submit", ScorecardHarness.Filled(loop.Interviews[0], "screen", 3));

        Assert.Equal("scorecard-submitted", reply["kind"]!.ToString());
        Assert.Equal(5L, planned); // three reminders and two escalations, by default
        Assert.Equal(0L, await ScalarAsync(pending, loop.Interviews[0], "pat@example.com"));
        Assert.Equal(5L, await ScalarAsync(pending, loop.Interviews[0], "pia@example.com"));
    }

    [Fact]
    public async Task Nudge_reminds_every_missing_panelist_once_per_minute_and_says_who()
    {
        Func<int, DateTimeOffset[]> plan = _ => [TestClock.Now.AddDays(5)];
        var (_, pairs) = await NudgeSeed.SeedAsync(_app.Db, "man", 1, 3, plan);
        await ExecAsync("INSERT INTO scorecards (interview_id, panelist_email, ratings, recommendation, submitted_at, org_id) VALUES ($1, $2, '{}', 3, now(), '00000000-0000-0000-0000-000000000001')",
            pairs[2].InterviewId, pairs[2].Email);
        // The seeded role needs a real template: borrow the one `role create` writes.
        await _app.SayAsync("rec-man@example.com", "role create man-tmpl \"Engineer\"");
        await ExecAsync("UPDATE roles SET template = (SELECT template FROM roles WHERE slug = 'man-tmpl') WHERE slug = $1", "role-man");
        if (TestClock.UtcNow.Second > 55) await Task.Delay(TimeSpan.FromSeconds(6)); // both clicks in the same minute

        var first = await _app.SayAsync("rec-man@example.com", "nudge cand-man@example.com");
        var second = await _app.SayAsync("rec-man@example.com", "nudge cand-man@example.com");
        var refused = await _app.SayAsync(pairs[0].Email, "nudge cand-man@example.com");
        var got = await _app.WaitForLocalAsync(m => m["kind"]!.ToString() == "nudge" && m["recipient"]!.ToString().Contains("-man@"), count: 3, timeout: TimeSpan.FromSeconds(3));

        Assert.Equal(2, got.Count);
        Assert.Contains(pairs[0].Email, first["data"]!["text"]!.ToString());
        Assert.Contains(pairs[1].Email, first["data"]!["text"]!.ToString());
        Assert.DoesNotContain(pairs[2].Email, first["data"]!["text"]!.ToString());
        Assert.False(second["isError"]!.GetValue<bool>());
        Assert.True(refused["isError"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_panelist_can_snooze_once_within_the_deadline()
    {
        Func<int, DateTimeOffset[]> plan = _ => [TestClock.Now.AddMinutes(-5), TestClock.Now.AddDays(1)];
        var (_, pairs) = await NudgeSeed.SeedAsync(_app.Db, "snz", 1, 1, plan, escalationsAt: TestClock.Now.AddDays(10));
        var data = new JsonObject { ["interviewId"] = pairs[0].InterviewId.ToString(), ["hours"] = "4" };

        var tooLong = await ActAsync(pairs[0].Email, new JsonObject { ["interviewId"] = pairs[0].InterviewId.ToString(), ["hours"] = 24 * 13 });
        var first = await ActAsync(pairs[0].Email, data);
        var second = await ActAsync(pairs[0].Email, data);
        var stranger = await ActAsync("someone@example.com", data);

        // More than the card's configured snooze (Nudges:SnoozeHours, 4 by default) is refused.
        Assert.Equal("A reminder can be snoozed for at most 4 h.", tooLong["data"]!["text"]!.ToString());
        Assert.False(first["isError"]!.GetValue<bool>(), first.ToJsonString());
        // The answer is the reminder card again: still "of 2", still with its Open button, the snooze used up.
        Assert.Equal("nudge", first["kind"]!.GetValue<string>());
        Assert.StartsWith("Snoozed. Reminder 2 of 2 will come", first["data"]!["snoozed"]!.ToString());
        Assert.True(first["replaces"]!.GetValue<bool>());
        var card = _app.Services.GetRequiredService<HireBot.Cards.MessageRenderer>().Render("nudge", first["data"]!.AsObject());
        var verbs = card["actions"]!.AsArray().Select(a => a!["verb"]!.GetValue<string>()).ToList();
        Assert.Equal(["scorecard.open"], verbs);
        Assert.Contains("Snoozed. Reminder 2 of 2", card.ToJsonString());
        Assert.Equal("You already snoozed this reminder once; it can't be snoozed again.", second["data"]!["text"]!.ToString());
        Assert.True(stranger["isError"]!.GetValue<bool>());
        var moved = await ScalarAsync("SELECT due_at FROM nudge_events WHERE interview_id = $1 AND email = $2 AND name = 'reminder-2' AND done_at IS NULL",
            pairs[0].InterviewId, pairs[0].Email);
        Assert.True(Assert.IsType<DateTime>(moved) > TestClock.UtcNow.AddHours(3.9));
    }

    private Task<JsonObject> ActAsync(string from, JsonObject data) => _app.ClickAsync(from, "nudge.snooze", data);

    private async Task<object?> ScalarAsync(string sql, params object[] args)
    {
        await using var cmd = _app.Db.CreateCommand(sql);
        foreach (var a in args) cmd.Parameters.Add(new() { Value = a });
        return await cmd.ExecuteScalarAsync();
    }

    private async Task ExecAsync(string sql, params object[] args)
    {
        await using var cmd = _app.Db.CreateCommand(sql);
        foreach (var a in args) cmd.Parameters.Add(new() { Value = a });
        await cmd.ExecuteNonQueryAsync();
    }
}
