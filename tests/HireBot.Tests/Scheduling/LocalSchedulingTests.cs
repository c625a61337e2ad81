using System.Text.Json.Nodes;
using HireBot.Calendar;
using HireBot.Hiring;
using HireBot.Scheduling;
using HireBot.Tests.Support;
using Quartz;

namespace HireBot.Tests.Scheduling;

/// <summary>The recruiter flow on the real host with the local PostgreSQL calendar.</summary>
public class LocalSchedulingTests : IAsyncLifetime
{
    private BotApp _bot = null!;

    // The recurring decline watch stays out of the way; tests run the watcher themselves.
    public async Task InitializeAsync() => _bot = await BotApp.StartAsync(nameof(LocalSchedulingTests),
        new Dictionary<string, string?> { ["Scheduling:DeclinePollMinutes"] = "1440" });
    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private async Task<LoopSetup> RoleAsync(string slug, bool staffed = true)
    {
        var setup = new LoopSetup(_bot, slug);
        await setup.CreateAsync(staffed);
        return setup;
    }

    [Fact]
    public async Task Schedule_posts_ranked_options_and_skips_the_hiring_manager_round()
    {
        var s = await RoleAsync("sch-opt");

        var card = await _bot.SayAsync(LoopSetup.Recruiter, $"schedule {s.Candidate}");

        Assert.Equal("schedule-options", card["kind"]!.GetValue<string>());
        var options = card["data"]!["options"]!.AsArray();
        Assert.InRange(options.Count, 1, 3);
        Assert.Equal(Enumerable.Range(1, options.Count), options.Select(o => o!["rank"]!.GetValue<int>()));
        Assert.Equal(options.Count, options.Select(o => o!["optionId"]!.GetValue<string>()).Distinct().Count());
        var slots = options[0]!["slots"]!.AsArray().Select(x => x!.GetValue<string>()).ToList();
        Assert.Equal(5, slots.Count(x => x.Contains("(UTC)")));
        Assert.Contains(slots, x => x.Contains("Hiring manager is not scheduled now"));
        Assert.Contains("day", options[0]!["summary"]!.GetValue<string>());
        Assert.Equal("Scheduling", await s.LoopStateAsync());
        // Nothing booked by proposing; the options are stored for the pick.
        Assert.Empty(await s.InterviewsAsync());
    }

    [Fact]
    public async Task Pick_books_interviews_creates_events_queues_kits_and_sets_triggers()
    {
        var s = await RoleAsync("sch-pick");
        var bookedFrom = _bot.Clock.GetUtcNow().UtcDateTime;
        await s.BookAsync();
        var bookedTo = _bot.Clock.GetUtcNow().UtcDateTime;

        var interviews = await s.InterviewsAsync();
        Assert.Equal(["screen", "coding", "system-design", "code-review", "behavioral"], interviews.Select(r => (string)r[1]));
        Assert.All(interviews, r => Assert.Equal("Scheduled", r[3]));
        Assert.All(interviews, r => Assert.StartsWith("local-", (string)r[4]));
        Assert.Equal("Scheduled", await s.LoopStateAsync());

        // Each event invites its panel and the candidate, as an online meeting, keyed by the interview.
        foreach (var row in interviews)
        {
            var id = (Guid)row[0];
            var attendees = await s.RowsAsync("SELECT email FROM local_event_attendees WHERE event_id = $1", (string)row[4]);
            var panel = await s.RowsAsync("SELECT email FROM interview_panelists WHERE interview_id = $1", id);
            Assert.Equal(panel.Select(p => (string)p[0]).Append(s.Candidate).Order(), attendees.Select(a => (string)a[0]).Order());
            Assert.Equal($"interview:{id}", await s.ScalarAsync<string>("SELECT transaction_id FROM local_events WHERE id = $1", (string)row[4]));
            Assert.True(await s.ScalarAsync<bool>("SELECT is_online_meeting FROM local_events WHERE id = $1", (string)row[4]));
        }

        // Kits: one per panelist (system design has two), due a day before the round or now if sooner.
        var kits = await s.RowsAsync(
            """
            SELECT o.idempotency_key, o.not_before, i.starts_at FROM outbox o
            JOIN interview_panelists p ON o.idempotency_key = 'kit:' || p.interview_id || ':' || p.email
            JOIN interviews i ON i.id = p.interview_id JOIN loops l ON l.id = i.loop_id JOIN candidates c ON c.id = l.candidate_id
            WHERE c.email = $1 AND o.kind = 'kit'
            """, s.Candidate);
        Assert.Equal(6, kits.Count);
        foreach (var kit in kits)
        {
            var due = ((DateTime)kit[2]).AddHours(-24);
            var notBefore = (DateTime)kit[1];
            var dueAlready = due < bookedTo && notBefore >= bookedFrom.AddSeconds(-1) && notBefore <= bookedTo;
            Assert.True(notBefore == due || dueAlready, $"kit due {notBefore:O}, round at {kit[2]:O}, booked {bookedFrom:O}–{bookedTo:O}");
        }
        Assert.Equal(1L, await s.ScalarAsync<long>("SELECT count(*) FROM outbox WHERE idempotency_key LIKE 'booked:%' AND recipient = $1 AND payload->>'title' = 'Booked: Ada Lovelace'",
            "person:" + LoopSetup.Recruiter));

        var scheduler = await _bot.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        foreach (var row in interviews) Assert.True(await scheduler.Exists(InterviewJobs.EndedKey((Guid)row[0])));
        foreach (var row in interviews) Assert.True(await scheduler.Exists(InterviewJobs.StartedKey((Guid)row[0])));

        // The first round starting moves the loop to in progress (fired now instead of at its start).
        await scheduler.TriggerJob(InterviewJobs.StartedKey((Guid)interviews[0][0]));
        var deadline = TestClock.UtcNow.AddSeconds(20);
        while (await s.LoopStateAsync() != "InProgress" && TestClock.UtcNow < deadline) await Task.Delay(100);
        Assert.Equal("InProgress", await s.LoopStateAsync());
    }

    [Fact]
    public async Task Double_pick_books_once_and_the_second_click_says_already_booked()
    {
        var s = await RoleAsync("sch-double");
        var card = await _bot.SayAsync(LoopSetup.Recruiter, $"schedule {s.Candidate}");

        var replies = await Task.WhenAll(s.PickAsync(LoopSetup.Recruiter, card), s.PickAsync(LoopSetup.Recruiter, card));
        var again = await s.PickAsync(LoopSetup.Recruiter, card, index: card["data"]!["options"]!.AsArray().Count - 1);

        Assert.Single(replies, r => LoopSetup.Text(r).StartsWith("Booked", StringComparison.Ordinal));
        Assert.Single(replies, r => LoopSetup.Text(r).Contains("already booked"));
        Assert.Contains("already booked", LoopSetup.Text(again));
        Assert.Equal(5, (await s.InterviewsAsync()).Count);
        Assert.Equal(5L, await s.ScalarAsync<long>("SELECT count(*) FROM local_events WHERE subject LIKE '%Ada Lovelace%' AND transaction_id LIKE 'interview:%' AND id IN (SELECT calendar_event_id FROM interviews)"));
    }

    [Fact]
    public async Task Someone_who_is_not_a_recruiter_cannot_pick_and_nothing_is_booked()
    {
        var s = await RoleAsync("sch-refuse");
        var card = await _bot.SayAsync(LoopSetup.Recruiter, $"schedule {s.Candidate}");

        // A pool interviewer is known to the team but not on this candidate's loop: the loop is not theirs to see.
        var interviewer = await s.PickAsync(s.Behavioral, card);
        var stranger = await s.PickAsync("mallory@example.com", card);
        var missing = await s.ClickAsync(LoopSetup.Recruiter, "schedule.pick", new JsonObject { ["loopId"] = Guid.NewGuid().ToString(), ["optionId"] = "1" });

        Assert.True(stranger["isError"]!.GetValue<bool>());
        Assert.Equal(LoopSetup.Text(missing), LoopSetup.Text(stranger));
        Assert.Equal(LoopSetup.Text(missing), LoopSetup.Text(interviewer));
        Assert.Equal("That loop no longer exists.", LoopSetup.Text(stranger));
        Assert.Empty(await s.InterviewsAsync());
        Assert.Equal("Scheduling", await s.LoopStateAsync());
    }

    [Fact]
    public async Task Infeasible_loop_names_the_round_and_the_constraint()
    {
        var s = await RoleAsync("sch-empty", staffed: false);

        var reply = await _bot.SayAsync(LoopSetup.Recruiter, $"schedule {s.Candidate}");

        Assert.True(reply["isError"]!.GetValue<bool>());
        Assert.Contains("Round 'Technical screen': only 0 qualified interviewers, 1 needed", LoopSetup.Text(reply));
        Assert.Contains("Round 'System design': only 0 qualified interviewers, 2 needed", LoopSetup.Text(reply));
        Assert.Equal("Draft", await s.LoopStateAsync());
    }

    [Theory]
    [InlineData("between 2026-13-01 and 2026-12-12", "YYYY-MM-DD")]
    [InlineData("between 2020-01-06 and 2020-01-10", "in the past")]
    [InlineData("between 2026-12-10 and 2026-12-01", "is before")]
    public async Task Bad_dates_get_a_clear_error(string dates, string expected)
    {
        var s = new LoopSetup(_bot, "sch-dates");
        if (await s.ScalarAsync<long>("SELECT count(*) FROM roles WHERE slug = 'sch-dates'") == 0) await s.CreateAsync();

        var reply = await _bot.SayAsync(LoopSetup.Recruiter, $"schedule {s.Candidate} {dates}");

        Assert.True(reply["isError"]!.GetValue<bool>());
        Assert.Contains(expected, LoopSetup.Text(reply));
    }

    [Fact]
    public async Task Reschedule_cancels_booked_rounds_withdraws_their_kits_and_proposes_again()
    {
        var s = await RoleAsync("sch-resched");
        await s.BookAsync();
        var before = await s.InterviewsAsync();

        var reply = await _bot.SayAsync(LoopSetup.Recruiter, $"reschedule {s.Candidate}");

        Assert.Equal("schedule-options", reply["kind"]!.GetValue<string>());
        Assert.StartsWith("Cancelled 5 upcoming interviews (their calendar invitations are being withdrawn).", LoopSetup.Text(reply));
        Assert.All(await s.InterviewsAsync(), r => Assert.Equal("Cancelled", r[3]));
        await s.CalendarSettledAsync();
        foreach (var row in before)
            Assert.NotNull(await s.ScalarAsync<DateTime?>("SELECT cancelled_at FROM local_events WHERE id = $1", (string)row[4]));
        var kits = await s.RowsAsync(
            "SELECT o.status FROM outbox o JOIN interview_panelists p ON o.idempotency_key = 'kit:' || p.interview_id || ':' || p.email WHERE p.interview_id = ANY($1)",
            before.Select(r => (Guid)r[0]).ToArray());
        Assert.Equal(6, kits.Count);
        // Kits still waiting are withdrawn; one due "now" (a round within a day) may already have gone.
        Assert.All(kits, k => Assert.Contains((string)k[0], (string[])["failed", "sent"]));
        var scheduler = await _bot.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        foreach (var row in before) Assert.False(await scheduler.Exists(InterviewJobs.EndedKey((Guid)row[0])));
        Assert.Equal("Scheduling", await s.LoopStateAsync());

        // The old card's options are stale; the new card books.
        await LoopSetup.Ok(await s.PickAsync(LoopSetup.Recruiter, reply));
        Assert.Equal(5, (await s.InterviewsAsync()).Count(r => (string)r[3] == "Scheduled"));
    }

    [Fact]
    public async Task Cancel_cancels_every_booked_round_and_withdraws_the_loop()
    {
        var s = await RoleAsync("sch-cancel");
        var card = await s.BookAsync();

        var reply = await _bot.SayAsync(LoopSetup.Recruiter, $"cancel {s.Candidate}");

        Assert.Contains("Cancelled 5 interviews and withdrew Ada Lovelace's loop", LoopSetup.Text(reply));
        Assert.Equal("Withdrawn", await s.LoopStateAsync());
        Assert.All(await s.InterviewsAsync(), r => Assert.Equal("Cancelled", r[3]));
        var stale = await s.PickAsync(LoopSetup.Recruiter, card);
        Assert.True(stale["isError"]!.GetValue<bool>());
        Assert.Contains("withdrawn", LoopSetup.Text(stale));
    }

    [Fact]
    public async Task Decline_proposes_a_free_pool_member_and_accepting_swaps_the_panelist()
    {
        var s = await RoleAsync("sch-decline");
        // Rounds a few days out, so every kit is still waiting when the decline arrives, whatever the hour.
        var from = _bot.Clock.GetUtcNow().UtcDateTime.Date.AddDays(4);
        await s.BookAsync($"between {from:yyyy-MM-dd} and {from.AddDays(6):yyyy-MM-dd}");
        var screen = (await s.InterviewsAsync()).First(r => (string)r[1] == "screen");
        var interviewId = (Guid)screen[0];
        var declined = await s.ScalarAsync<string>("SELECT email FROM interview_panelists WHERE interview_id = $1", interviewId);
        using var org = HireBot.Organisations.OrgScope.Enter(HireBot.Organisations.OrgScope.Default); // tests act as the default organisation
        var calendar = _bot.Services.GetRequiredService<LocalCalendar>();
        Assert.True(await calendar.RespondAsync((string)screen[4], declined, AttendeeResponse.Declined, default));

        var watcher = _bot.Services.GetRequiredService<DeclineWatcher>();
        Assert.Equal(1, await watcher.RunOnceAsync(default));
        Assert.Equal(0, await watcher.RunOnceAsync(default));

        Assert.Equal("declined", await s.ScalarAsync<string>("SELECT response FROM interview_panelists WHERE interview_id = $1", interviewId));
        var posted = (await _bot.WaitForLocalAsync(m => m["kind"]!.GetValue<string>() == "replacement" && m["recipient"]!.GetValue<string>() == "person:" + LoopSetup.Recruiter))
            .Single(m => m["card"]!.ToJsonString().Contains(interviewId.ToString()));
        var action = posted["card"]!["actions"]![0]!["data"]!.AsObject();
        var proposed = await s.ScalarAsync<string>("SELECT proposed_email FROM replacement_proposals WHERE interview_id = $1", interviewId);
        Assert.Contains(proposed, s.Interviewers.Where(e => e.StartsWith("backend", StringComparison.Ordinal)));
        Assert.NotEqual(declined, proposed);

        var refused = await s.ClickAsync("mallory@example.com", "replacement.accept", (JsonObject)action.DeepClone());
        Assert.True(refused["isError"]!.GetValue<bool>());
        var accepted = await s.ClickAsync(LoopSetup.Recruiter, "replacement.accept", (JsonObject)action.DeepClone());
        await LoopSetup.Ok(accepted);
        var again = await s.ClickAsync(LoopSetup.Recruiter, "replacement.accept", (JsonObject)action.DeepClone());
        Assert.Contains("already accepted", LoopSetup.Text(again));
        await s.CalendarSettledAsync();

        Assert.Equal(proposed, await s.ScalarAsync<string>("SELECT email FROM interview_panelists WHERE interview_id = $1", interviewId));
        var attendees = (await s.RowsAsync("SELECT email FROM local_event_attendees WHERE event_id = $1", (string)screen[4])).Select(r => (string)r[0]).ToList();
        Assert.Equal(new[] { proposed, s.Candidate }.Order(), attendees.Order());
        Assert.Equal(1L, await s.ScalarAsync<long>("SELECT count(*) FROM outbox WHERE idempotency_key = $1 AND recipient = $2",
            $"kit:{interviewId}:{proposed}", "person:" + proposed));
        Assert.Equal("failed", await s.ScalarAsync<string>("SELECT status FROM outbox WHERE idempotency_key = $1", $"kit:{interviewId}:{declined}"));
    }
}
