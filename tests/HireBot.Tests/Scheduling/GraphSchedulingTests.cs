using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HireBot.Calendar;
using HireBot.Scheduling;
using HireBot.Tests.Fakes;
using HireBot.Tests.Fakes.Graph;
using HireBot.Tests.Support;

namespace HireBot.Tests.Scheduling;

/// <summary>
/// The recruiter flow on the real host with Microsoft Graph configured, aimed at the loopback
/// Graph and token issuer: free/busy comes from getSchedule, events are posted with transactionId.
/// </summary>
public class GraphSchedulingTests : IAsyncLifetime
{
    private const string Organizer = "recruiting@contoso.test";
    private FakeGraphTokenIssuer _issuer = null!;
    private FakeGraph _graph = null!;
    private BotApp _bot = null!;

    public async Task InitializeAsync()
    {
        _issuer = await FakeGraphTokenIssuer.StartAsync();
        _graph = await FakeGraph.StartAsync(_issuer);
        _bot = await BotApp.StartAsync(nameof(GraphSchedulingTests), _graph.BotSettings(_issuer, Organizer), configureServices: FakeGraph.TrustingCalendar(_issuer));
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _graph.DisposeAsync();
        await _issuer.DisposeAsync();
    }

    private async Task<LoopSetup> StaffedAsync(string slug)
    {
        var s = new LoopSetup(_bot, slug);
        await s.CreateAsync();
        foreach (var email in s.Interviewers) _graph.Mailbox(email);
        return s;
    }

    /// <summary>A booked loop whose coding panelist declined on Graph, and the replacement the decline watcher proposed.</summary>
    private async Task<(LoopSetup S, Guid InterviewId, string EventId, string Declined, Guid ProposalId, string Proposed)> DeclinedAsync(string slug)
    {
        var s = await StaffedAsync(slug);
        await s.BookAsync();
        var coding = (await s.InterviewsAsync()).First(r => (string)r[1] == "coding");
        var (interviewId, eventId) = ((Guid)coding[0], (string)coding[4]);
        var declined = await s.ScalarAsync<string>("SELECT email FROM interview_panelists WHERE interview_id = $1", interviewId);
        _graph.Respond(eventId, declined, "declined");
        Assert.True(await _bot.Services.GetRequiredService<DeclineWatcher>().RunOnceAsync(default) >= 1);
        var proposalId = await s.ScalarAsync<Guid>("SELECT id FROM replacement_proposals WHERE interview_id = $1", interviewId);
        var proposed = await s.ScalarAsync<string>("SELECT proposed_email FROM replacement_proposals WHERE id = $1", proposalId);
        return (s, interviewId, eventId, declined, proposalId, proposed);
    }

    [Fact]
    public void The_host_uses_the_Graph_calendar_when_Graph_is_configured() =>
        Assert.IsType<GraphCalendar>(_bot.Services.GetRequiredService<ICalendar>());

    [Fact]
    public async Task Pick_posts_one_event_per_round_with_transaction_id_attendees_and_a_Teams_meeting()
    {
        var s = await StaffedAsync("g-pick");
        // Busy for the whole search: getSchedule must keep this interviewer off every panel.
        _graph.Mailbox(s.Backend(1)).Busy(TestClock.Now.AddDays(-1), TestClock.Now.AddDays(60));

        await s.BookAsync();

        Assert.Contains(_graph.Requests, r => r.Method == "POST" && r.Path.EndsWith("/calendar/getSchedule", StringComparison.Ordinal));
        var interviews = await s.InterviewsAsync();
        Assert.Equal(5, interviews.Count);
        var posts = _graph.Requests.Where(r => r.Method == "POST" && r.Path == $"/v1.0/users/{Organizer}/events").ToList();
        Assert.Equal(5, posts.Count);
        foreach (var row in interviews)
        {
            var id = (Guid)row[0];
            var body = posts.Single(p => p.Json["transactionId"]!.GetValue<string>() == $"interview:{id}").Json;
            Assert.True(body["isOnlineMeeting"]!.GetValue<bool>());
            var invited = body["attendees"]!.AsArray().Select(a => a!["emailAddress"]!["address"]!.GetValue<string>()).ToList();
            var panel = (await s.RowsAsync("SELECT email FROM interview_panelists WHERE interview_id = $1", id)).Select(p => (string)p[0]);
            Assert.Equal(panel.Append(s.Candidate).Order(), invited.Order());
            Assert.DoesNotContain(s.Backend(1), invited);
            Assert.NotNull(_graph.Event((string)row[4]));
            Assert.StartsWith("https://teams.microsoft.com/l/meetup-join/", (string)row[5]);
        }
    }

    [Fact]
    public async Task A_repeated_pick_posts_no_second_event()
    {
        var s = await StaffedAsync("g-double");
        var card = await s.BookAsync();
        var before = _graph.EventCount;

        var again = await s.PickAsync(LoopSetup.Recruiter, card);

        Assert.Contains("already booked", LoopSetup.Text(again));
        Assert.Equal(before, _graph.EventCount);
    }

    [Fact]
    public async Task Decline_seen_on_Graph_leads_to_a_replacement_and_the_event_attendees_are_patched()
    {
        var (s, interviewId, eventId, declined, proposalId, proposed) = await DeclinedAsync("g-decline");

        await LoopSetup.Ok(await s.ClickAsync(LoopSetup.Recruiter, "replacement.accept",
            new JsonObject { ["interviewId"] = interviewId.ToString(), ["panelistId"] = proposalId.ToString() }));
        await s.CalendarSettledAsync();

        var patch = _graph.Requests.Last(r => r.Method == "PATCH" && r.Path.EndsWith($"/events/{eventId}", StringComparison.Ordinal));
        var invited = patch.Json["attendees"]!.AsArray().Select(a => a!["emailAddress"]!["address"]!.GetValue<string>()).ToList();
        Assert.Equal(new[] { proposed, s.Candidate }.Order(), invited.Order());
        Assert.DoesNotContain(declined, invited);
    }

    /// <summary>
    /// Issue 14: a calendar that refuses the attendee change after a replacement is reported to the
    /// recruiter with a Retry button, which sends the current panel to the event again.
    /// </summary>
    [Fact]
    public async Task A_refused_attendee_change_is_reported_with_a_Retry_button_that_sends_the_panel_again()
    {
        var (s, interviewId, eventId, declined, proposalId, proposed) = await DeclinedAsync("g-update-retry");
        List<string> Attendees() => _graph.Event(eventId)!["attendees"]!.AsArray().Select(a => a!["emailAddress"]!["address"]!.GetValue<string>()).Order().ToList();

        _graph.Throttle(1, 0, status: 403); // the attendee change is refused
        await LoopSetup.Ok(await s.ClickAsync(LoopSetup.Recruiter, "replacement.accept",
            new JsonObject { ["interviewId"] = interviewId.ToString(), ["panelistId"] = proposalId.ToString() }));
        await s.CalendarSettledAsync();
        Assert.Contains(declined, Attendees()); // the event still invites who declined

        var report = Assert.Single(await _bot.WaitForLocalAsync(m => (string?)m["recipient"] == $"person:{LoopSetup.Recruiter}"
            && m["card"]!.ToJsonString().Contains("Not delivered: the calendar", StringComparison.Ordinal)));
        var retry = Assert.Single(report["card"]!["actions"]!.AsArray())!;
        Assert.Equal("Retry", retry["title"]!.GetValue<string>());
        var clicked = await s.ClickAsync(LoopSetup.Recruiter, retry["verb"]!.GetValue<string>(), (JsonObject)retry["data"]!.DeepClone());
        Assert.Contains("Sending the 1 attendee change the calendar refused for", LoopSetup.Text(clicked));
        await s.CalendarSettledAsync();

        Assert.Equal(new[] { proposed, s.Candidate }.Order(), Attendees());
        Assert.Contains("nothing to send again", LoopSetup.Text(await s.ClickAsync(LoopSetup.Recruiter, retry["verb"]!.GetValue<string>(), (JsonObject)retry["data"]!.DeepClone())));
    }

    /// <summary>
    /// Issue 14: forgetting calls no calendar inline. With Graph answering every request in 3 s, the
    /// request is acknowledged at once and the command has run and written its answer before a
    /// single Graph call could have finished (the old path cancelled the five events one after
    /// another first); the cancellations are outbox rows carried out after, and the answer is not
    /// held up by them: each recipient's rows take one dispatcher runner, so the slow calendar calls
    /// delay no chat message claimed with or after them.
    /// </summary>
    [Fact]
    public async Task Forget_with_a_slow_Graph_answers_at_once_and_cancels_the_events_after()
    {
        var s = await StaffedAsync("g-forget");
        await s.BookAsync();
        var events = (await s.InterviewsAsync()).Select(r => (string)r[4]).ToList();
        Assert.Equal(5, events.Count);
        _graph.Delay = TimeSpan.FromSeconds(3);

        var took = System.Diagnostics.Stopwatch.StartNew();
        var accepted = await _bot.Http.PostAsJsonAsync("/local/messages", new { from = LoopSetup.Recruiter, text = $"candidate forget {s.Candidate}" });
        Assert.True(took.Elapsed < TimeSpan.FromSeconds(1), $"the acknowledgement took {took.Elapsed}");
        while (await s.ScalarAsync<long>("SELECT count(*) FROM inbox WHERE source = 'local' AND payload LIKE '%candidate forget%' AND status = 'done'") == 0)
        {
            Assert.True(took.Elapsed < TimeSpan.FromSeconds(3), "forget did not finish before a Graph call could: it waited on the calendar");
            await Task.Delay(20);
        }
        var reply = await _bot.AnswerAsync(accepted);
        Assert.True(took.Elapsed < TimeSpan.FromSeconds(2.5), $"the answer arrived after {took.Elapsed}: it waited for the calendar calls");

        Assert.False(Scorecards.ScorecardHarness.IsError(reply), LoopSetup.Text(reply));
        Assert.Contains("Cancelling 5 calendar events in the background", LoopSetup.Text(reply));
        _graph.Delay = TimeSpan.Zero; // the calls already waiting still take their 3 s
        Assert.Equal(5L, await s.ScalarAsync<long>("SELECT count(*) FROM outbox WHERE kind = 'calendar.cancel' AND payload->>'eventId' = ANY($1)", new object[] { events.ToArray() }));
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (events.Any(e => _graph.Event(e)?["isCancelled"]?.GetValue<bool>() != true))
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(60), "the events were not cancelled after the forget");
            await Task.Delay(100);
        }
        Assert.All(events, e => Assert.Equal("This interview has been cancelled.", _graph.Event(e)!["cancelComment"]!.GetValue<string>()));
    }

    /// <summary>
    /// Issue 14: a calendar that refuses an invitation is reported to the recruiter with a Retry
    /// button; clicking it (the normal card-action path, checked by Permissions) books the missing event.
    /// </summary>
    [Fact]
    public async Task A_refused_invitation_is_reported_with_a_Retry_button_that_books_the_missing_event()
    {
        var s = await StaffedAsync("g-retry");
        var card = await _bot.SayAsync(LoopSetup.Recruiter, $"schedule {s.Candidate}");
        _graph.Throttle(1, 0, status: 403); // the first invitation is refused
        await LoopSetup.Ok(await s.PickAsync(LoopSetup.Recruiter, card));
        await s.CalendarSettledAsync();
        Assert.Single(await s.InterviewsAsync(), r => r[4] is null or DBNull);
        Assert.Equal(4, _graph.EventCount);

        var report = Assert.Single(await _bot.WaitForLocalAsync(m => (string?)m["recipient"] == $"person:{LoopSetup.Recruiter}"
            && m["card"]!.ToJsonString().Contains("Not delivered: the calendar invitation", StringComparison.Ordinal)));
        var retry = Assert.Single(report["card"]!["actions"]!.AsArray())!;
        Assert.Equal("Retry", retry["title"]!.GetValue<string>());
        var verb = retry["verb"]!.GetValue<string>();
        var data = retry["data"]!.AsObject();

        Assert.True(Scorecards.ScorecardHarness.IsError(await s.ClickAsync("eve@example.com", verb, (JsonObject)data.DeepClone())));
        var clicked = await s.ClickAsync(LoopSetup.Recruiter, verb, (JsonObject)data.DeepClone());
        Assert.Contains("Sending the 1 calendar invitation not yet made for", LoopSetup.Text(clicked));
        await s.CalendarSettledAsync();

        Assert.All(await s.InterviewsAsync(), r => Assert.NotNull(_graph.Event((string)r[4])));
        Assert.Equal(5, _graph.EventCount);
        await _bot.WaitForLocalAsync(m => (string?)m["recipient"] == $"person:{LoopSetup.Recruiter}"
            && m["card"]!.ToJsonString().Contains("Calendar invitations sent for", StringComparison.Ordinal));
        Assert.Contains("nothing to send again", LoopSetup.Text(await s.ClickAsync(LoopSetup.Recruiter, verb, (JsonObject)data.DeepClone())));
    }
}
