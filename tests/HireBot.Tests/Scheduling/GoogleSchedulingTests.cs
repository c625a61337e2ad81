using System.Text.Json.Nodes;
using HireBot.Calendar;
using HireBot.Calendar.Google;
using HireBot.Scheduling;
using HireBot.Tests.Fakes;
using HireBot.Tests.Fakes.Google;
using HireBot.Tests.Support;

namespace HireBot.Tests.Scheduling;

/// <summary>
/// The recruiter flow on the real host with <c>Calendar__Provider=google</c>, aimed at the loopback
/// Google Calendar and token endpoint: the same scheduler and cards as Graph, free/busy from
/// freeBusy.query, events with client ids and Meet links, declines found by sync-token polling.
/// </summary>
public class GoogleSchedulingTests : IAsyncLifetime
{
    private const string Organizer = "recruiting@example.com";
    private FakeGoogleCalendar _google = null!;
    private BotApp _bot = null!;

    public async Task InitializeAsync()
    {
        _google = await FakeGoogleCalendar.StartAsync();
        var settings = _google.BotSettings(Organizer);
        settings["Calendar:Provider"] = "google";
        _bot = await BotApp.StartAsync(nameof(GoogleSchedulingTests), settings);
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _google.DisposeAsync();
    }

    private async Task<LoopSetup> StaffedAsync(string slug)
    {
        var s = new LoopSetup(_bot, slug);
        await s.CreateAsync();
        foreach (var email in s.Interviewers) _google.Person(email);
        return s;
    }

    private IEnumerable<(string Method, string Path, string? Subject)> Inserts =>
        _google.Requests.Where(r => r.Method == "POST" && r.Path.StartsWith("/calendar/v3/calendars/primary/events", StringComparison.Ordinal));

    [Fact]
    public void The_host_routes_the_calendar_to_Google_when_the_provider_is_google()
    {
        var router = Assert.IsType<CalendarRouter>(_bot.Services.GetRequiredService<ICalendar>());
        using (HireBot.Organisations.OrgScope.Enter(HireBot.Organisations.OrgScope.Default))
            Assert.IsType<GoogleCalendar>(router.Current);
    }

    [Fact]
    public async Task A_loop_books_with_Meet_links_reschedules_and_cancels_on_Google()
    {
        var s = await StaffedAsync("gg-loop");
        // Busy for the whole search: freeBusy must keep this interviewer off every panel.
        _google.Person(s.Backend(1)).BusyBetween(TestClock.Now.AddDays(-1), TestClock.Now.AddDays(60));

        await s.BookAsync();

        Assert.Contains(_google.Requests, r => r.Method == "POST" && r.Path == "/calendar/v3/freeBusy" && r.Subject == Organizer);
        var booked = await s.InterviewsAsync();
        Assert.Equal(5, booked.Count);
        Assert.All(Inserts, r => Assert.Contains("sendUpdates=all", r.Path));
        Assert.All(Inserts, r => Assert.Contains("conferenceDataVersion=1", r.Path));
        foreach (var row in booked)
        {
            var id = (Guid)row[0];
            var googleEvent = _google.Event((string)row[4])!;
            Assert.Equal(GoogleEventJson.EventId($"interview:{id}"), googleEvent["id"]!.GetValue<string>());
            var invited = googleEvent["attendees"]!.AsArray().Select(a => a!["email"]!.GetValue<string>()).ToList();
            var panel = (await s.RowsAsync("SELECT email FROM interview_panelists WHERE interview_id = $1", id)).Select(p => (string)p[0]);
            Assert.Equal(panel.Append(s.Candidate).Order(), invited.Order());
            Assert.DoesNotContain(s.Backend(1), invited);
            Assert.StartsWith("https://meet.google.com/", (string)row[5]);
            Assert.Equal((string)row[5], googleEvent["hangoutLink"]!.GetValue<string>());
        }

        var rescheduled = await _bot.SayAsync(LoopSetup.Recruiter, $"reschedule {s.Candidate}");
        Assert.Equal("schedule-options", rescheduled["kind"]!.GetValue<string>());
        await s.CalendarSettledAsync(); // the old events' cancellations are outbox rows written with the reschedule
        Assert.All(booked, row => Assert.Equal("cancelled", _google.Event((string)row[4])!["status"]!.GetValue<string>()));
        await LoopSetup.Ok(await s.PickAsync(LoopSetup.Recruiter, rescheduled));
        await s.CalendarSettledAsync();
        var rebooked = (await s.InterviewsAsync()).Where(r => (string)r[3] == "Scheduled").ToList();
        Assert.Equal(5, rebooked.Count);
        Assert.Equal(5, _google.LiveEventCount);

        var cancelled = await _bot.SayAsync(LoopSetup.Recruiter, $"cancel {s.Candidate}");
        Assert.Contains("Cancelled 5 interviews", LoopSetup.Text(cancelled));
        await s.CalendarSettledAsync();
        Assert.Equal(0, _google.LiveEventCount);
        Assert.Contains(_google.Requests, r => r.Method == "DELETE" && r.Path.Contains("sendUpdates=all"));
    }

    [Fact]
    public async Task A_decline_found_by_sync_polling_leads_to_a_replacement_and_the_event_is_patched()
    {
        var s = await StaffedAsync("gg-decline");
        var from = _bot.Clock.GetUtcNow().UtcDateTime.Date.AddDays(4);
        await s.BookAsync($"between {from:yyyy-MM-dd} and {from.AddDays(6):yyyy-MM-dd}");
        var watcher = _bot.Services.GetRequiredService<DeclineWatcher>();
        Assert.Equal(0, await watcher.RunOnceAsync(default)); // the full sync: nobody declined yet

        var coding = (await s.InterviewsAsync()).First(r => (string)r[1] == "coding");
        var interviewId = (Guid)coding[0];
        var eventId = (string)coding[4];
        var declined = await s.ScalarAsync<string>("SELECT email FROM interview_panelists WHERE interview_id = $1", interviewId);
        _google.Respond(eventId, declined, "declined");
        _google.ExpireSyncTokens(); // and the token expired meanwhile: 410, full resync

        Assert.True(await watcher.RunOnceAsync(default) >= 1);
        Assert.Contains(_google.Requests, r => r.Path.Contains("syncToken=", StringComparison.Ordinal));
        var proposalId = await s.ScalarAsync<Guid>("SELECT id FROM replacement_proposals WHERE interview_id = $1", interviewId);
        var proposed = await s.ScalarAsync<string>("SELECT proposed_email FROM replacement_proposals WHERE id = $1", proposalId);
        Assert.Equal("declined", await s.ScalarAsync<string>("SELECT response FROM interview_panelists WHERE interview_id = $1 AND email = $2", interviewId, declined));

        await LoopSetup.Ok(await s.ClickAsync(LoopSetup.Recruiter, "replacement.accept",
            new JsonObject { ["interviewId"] = interviewId.ToString(), ["panelistId"] = proposalId.ToString() }));
        await s.CalendarSettledAsync(); // the event's update is an outbox row written with the accept

        Assert.Contains(_google.Requests, r => r.Method == "PATCH" && r.Path.Contains($"/events/{eventId}?sendUpdates=all"));
        var invited = _google.Event(eventId)!["attendees"]!.AsArray().Select(a => a!["email"]!.GetValue<string>()).ToList();
        Assert.Equal(new[] { proposed, s.Candidate }.Order(), invited.Order());
    }

    [Fact]
    public async Task A_create_whose_answer_was_lost_is_retried_and_returns_the_first_event()
    {
        var s = await StaffedAsync("gg-lost");
        _google.LoseNextInsertAnswer();

        await s.BookAsync();

        var booked = await s.InterviewsAsync();
        Assert.Equal(5, booked.Count);
        Assert.Equal(5, _google.EventCount);
        Assert.Equal(6, Inserts.Count()); // the lost one, its retry (409 duplicate, then read), four more
        Assert.Equal(5, booked.Select(r => (string)r[4]).Distinct().Count());
    }

    [Fact]
    public async Task The_same_transaction_created_twice_is_one_event()
    {
        var calendar = _bot.Services.GetRequiredService<GoogleCalendar>();
        var start = TestClock.Now.AddDays(3);
        var interview = new InterviewEvent("Interview", "<p>hi</p>", start, start.AddHours(1),
            [new EventAttendee("x@example.com", "X")], true, "interview:twice");

        var first = await calendar.CreateEventAsync(interview, default);
        var second = await calendar.CreateEventAsync(interview, default);

        Assert.Equal(first, second);
        Assert.Equal(1, _google.EventCount);
        Assert.StartsWith("https://meet.google.com/", first.JoinUrl);
    }

    [Fact]
    public async Task With_a_fifth_of_answers_throttled_every_event_is_booked_exactly_once()
    {
        var s = await StaffedAsync("gg-throttle");
        _google.ThrottleRate = 0.2;

        await s.BookAsync();

        _google.ThrottleRate = 0;
        Assert.True(_google.ThrottledCount > 0);
        var booked = await s.InterviewsAsync();
        Assert.Equal(5, booked.Count);
        Assert.All(booked, r => Assert.NotNull(_google.Event((string)r[4])));
        Assert.Equal(5, _google.EventCount);
    }

    [Fact]
    public async Task An_unknown_calendar_is_named_on_the_card_and_the_service_account_impersonates_the_organiser()
    {
        var s = new LoopSetup(_bot, "gg-unknown");
        await s.CreateAsync();
        foreach (var email in s.Interviewers.Where(e => e != s.Behavioral)) _google.Person(email);

        var card = await _bot.SayAsync(LoopSetup.Recruiter, $"schedule {s.Candidate}");

        Assert.Contains("could not be read and were treated as free: behave", LoopSetup.Text(card));
        Assert.Contains(_google.Tokens.Grants, g => g.Subject == Organizer && g.Scope.Split(' ').Order().SequenceEqual(GoogleOptions.Scopes.Order()));
    }

    [Fact]
    public async Task Interviewers_whose_zone_the_organisation_did_not_set_work_in_their_Google_Calendar_zone()
    {
        var s = new LoopSetup(_bot, "gg-zone");
        await s.CreateAsync();
        // 9 to 5 in India is 03:30 to 11:30 UTC; the candidate (UTC) works from 09:00.
        foreach (var email in s.Interviewers) _google.Person(email, "Asia/Kolkata");

        await s.BookAsync();

        Assert.Contains(_google.Requests, r => r.Path == "/calendar/v3/users/me/settings/timezone" && r.Subject == s.Backend(1));
        Assert.All(await s.InterviewsAsync(), r =>
        {
            var starts = ((DateTime)r[2]).ToUniversalTime();
            Assert.InRange(starts.TimeOfDay, TimeSpan.FromHours(9), TimeSpan.FromHours(10.5));
        });
    }

    [Fact]
    public async Task A_throttled_call_past_its_budget_fails_as_throttled()
    {
        var api = _bot.Services.GetRequiredService<GoogleApi>();
        _google.ThrottleRate = 1;
        try
        {
            var error = await Assert.ThrowsAsync<CalendarException>(() =>
                api.SendAsync("settings.get", Organizer, HttpMethod.Get, "users/me/settings/timezone", null, default));
            Assert.Equal(CalendarFailure.Throttled, error.Failure);
            Assert.True(error.IsTransient);
        }
        finally
        {
            _google.ThrottleRate = 0;
        }
    }
}

/// <summary>The provider chosen per organisation: the default organisation on Google, others local.</summary>
public class GoogleCalendarRoutingTests : IAsyncLifetime
{
    private FakeGoogleCalendar _google = null!;
    private BotApp _bot = null!;

    public async Task InitializeAsync()
    {
        _google = await FakeGoogleCalendar.StartAsync();
        var settings = _google.BotSettings("recruiting@example.com");
        settings["Calendar:Provider"] = "local";
        settings["Orgs:default:CalendarProvider"] = "google";
        _bot = await BotApp.StartAsync(nameof(GoogleCalendarRoutingTests), settings);
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _google.DisposeAsync();
    }

    [Fact]
    public async Task Each_call_goes_to_the_calendar_of_the_organisation_in_scope()
    {
        var router = _bot.Services.GetRequiredService<CalendarRouter>();
        using (HireBot.Organisations.OrgScope.Enter(HireBot.Organisations.OrgScope.Default))
            Assert.IsType<GoogleCalendar>(router.Current);
        using (HireBot.Organisations.OrgScope.Enter(Guid.CreateVersion7()))
            Assert.IsType<LocalCalendar>(router.Current);

        var s = new LoopSetup(_bot, "gr-route");
        await s.CreateAsync();
        foreach (var email in s.Interviewers) _google.Person(email);
        await s.BookAsync();

        Assert.Equal(5, _google.EventCount);
        Assert.All(await s.InterviewsAsync(), r => Assert.StartsWith("https://meet.google.com/", (string)r[5]));
    }

    [Fact]
    public async Task Free_busy_is_batched_within_Googles_limits_and_reports_zones_and_unknown_calendars()
    {
        var calendar = _bot.Services.GetRequiredService<GoogleCalendar>();
        var emails = Enumerable.Range(0, 120).Select(i => $"p{i}@example.com").ToList();
        foreach (var email in emails.Skip(1)) _google.Person(email, "Europe/Berlin");
        var start = new DateTimeOffset(TestClock.UtcNow.Date.AddDays(1), TimeSpan.Zero); // Google's times are whole seconds
        _google.Person(emails[5], "Europe/Berlin").BusyBetween(start.AddDays(70), start.AddDays(70).AddHours(1));

        var schedules = await calendar.GetFreeBusyAsync(emails, start, start.AddDays(100), default);

        var calls = _google.Requests.Where(r => r.Path == "/calendar/v3/freeBusy").ToList();
        Assert.Equal(3 * 2, calls.Count); // 50 + 50 + 20 calendars, 60 + 40 days
        Assert.Equal("notFound", schedules[0].Error);
        Assert.Equal("Europe/Berlin", schedules[1].TimeZone);
        Assert.Equal([new BusyInterval(start.AddDays(70), start.AddDays(70).AddHours(1))], schedules[5].Busy);
    }
}
