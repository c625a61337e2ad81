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
        var s = await StaffedAsync("g-decline");
        await s.BookAsync();
        var coding = (await s.InterviewsAsync()).First(r => (string)r[1] == "coding");
        var interviewId = (Guid)coding[0];
        var eventId = (string)coding[4];
        var declined = await s.ScalarAsync<string>("SELECT email FROM interview_panelists WHERE interview_id = $1", interviewId);
        _graph.Respond(eventId, declined, "declined");

        Assert.True(await _bot.Services.GetRequiredService<DeclineWatcher>().RunOnceAsync(default) >= 1);
        var proposalId = await s.ScalarAsync<Guid>("SELECT id FROM replacement_proposals WHERE interview_id = $1", interviewId);
        var proposed = await s.ScalarAsync<string>("SELECT proposed_email FROM replacement_proposals WHERE id = $1", proposalId);

        await LoopSetup.Ok(await s.ClickAsync(LoopSetup.Recruiter, "replacement.accept",
            new JsonObject { ["interviewId"] = interviewId.ToString(), ["panelistId"] = proposalId.ToString() }));
        await s.CalendarSettledAsync();

        var patch = _graph.Requests.Last(r => r.Method == "PATCH" && r.Path.EndsWith($"/events/{eventId}", StringComparison.Ordinal));
        var invited = patch.Json["attendees"]!.AsArray().Select(a => a!["emailAddress"]!["address"]!.GetValue<string>()).ToList();
        Assert.Equal(new[] { proposed, s.Candidate }.Order(), invited.Order());
        Assert.DoesNotContain(declined, invited);
    }
}
