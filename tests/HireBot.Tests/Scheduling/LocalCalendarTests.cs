using HireBot.Calendar;
using HireBot.Tests.Support;

namespace HireBot.Tests.Scheduling;

/// <summary>The PostgreSQL calendar behind local mode, through the <see cref="ICalendar"/> port the host registers.</summary>
public class LocalCalendarTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Nine = new(2030, 3, 4, 9, 0, 0, TimeSpan.Zero);
    private BotApp _bot = null!;
    private LocalCalendar _calendar = null!;

    public async Task InitializeAsync()
    {
        using var org = HireBot.Organisations.OrgScope.Enter(HireBot.Organisations.OrgScope.Default); // tests act as the default organisation
        _bot = await BotApp.StartAsync(nameof(LocalCalendarTests));
        _calendar = _bot.Services.GetRequiredService<LocalCalendar>();
    }

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private static InterviewEvent Interview(string transactionId, params string[] attendees) => new("Interview", "<p>kit in chat</p>",
        Nine, Nine.AddHours(1), attendees.Select(a => new EventAttendee(a, null)).ToList(), IsOnlineMeeting: true, transactionId);

    [Fact]
    public void The_host_uses_the_local_calendar_when_Graph_is_not_configured() =>
        Assert.IsType<LocalCalendar>(_bot.Services.GetRequiredService<ICalendar>());

    [Fact]
    public async Task Creating_twice_with_one_transaction_id_returns_the_first_event()
    {
        using var org = HireBot.Organisations.OrgScope.Enter(HireBot.Organisations.OrgScope.Default); // tests act as the default organisation
        var first = await _calendar.CreateEventAsync(Interview("t-1", "a@x.test"), default);
        var replay = await _calendar.CreateEventAsync(Interview("t-1", "someone-else@x.test"), default);
        var other = await _calendar.CreateEventAsync(Interview("t-2", "a@x.test"), default);

        Assert.Equal(first, replay);
        Assert.NotEqual(first.EventId, other.EventId);
        Assert.Equal(["a@x.test"], (await _calendar.GetAttendeeResponsesAsync(first.EventId, default))!.Keys);
    }

    [Fact]
    public async Task Busy_time_is_seeded_blocks_plus_events_not_declined_or_cancelled()
    {
        using var org = HireBot.Organisations.OrgScope.Enter(HireBot.Organisations.OrgScope.Default); // tests act as the default organisation
        await _calendar.AddBusyAsync("b@x.test", Nine.AddHours(3), Nine.AddHours(4), default);
        var attended = await _calendar.CreateEventAsync(Interview("t-busy-1", "b@x.test", "c@x.test"), default);
        var cancelled = await _calendar.CreateEventAsync(Interview("t-busy-2", "b@x.test") with { StartUtc = Nine.AddHours(5), EndUtc = Nine.AddHours(6) }, default);
        await _calendar.CancelEventAsync(cancelled.EventId, "off", default);
        await _calendar.RespondAsync(attended.EventId, "c@x.test", AttendeeResponse.Declined, default);

        var schedules = await _calendar.GetFreeBusyAsync(["B@x.test", "c@x.test"], Nine.AddDays(-1), Nine.AddDays(1), default);

        Assert.Equal(["B@x.test", "c@x.test"], schedules.Select(s => s.Email));
        Assert.Equal([new BusyInterval(Nine, Nine.AddHours(1)), new BusyInterval(Nine.AddHours(3), Nine.AddHours(4))], schedules[0].Busy);
        Assert.Empty(schedules[1].Busy);
    }

    [Fact]
    public async Task Update_replaces_attendees_keeping_the_answers_of_those_who_stay()
    {
        using var org = HireBot.Organisations.OrgScope.Enter(HireBot.Organisations.OrgScope.Default); // tests act as the default organisation
        var created = await _calendar.CreateEventAsync(Interview("t-upd", "d@x.test", "e@x.test"), default);
        await _calendar.RespondAsync(created.EventId, "d@x.test", AttendeeResponse.Accepted, default);
        await _calendar.RespondAsync(created.EventId, "e@x.test", AttendeeResponse.Declined, default);

        var outcome = await _calendar.UpdateEventAsync(created.EventId, new EventChange(Attendees: [new("d@x.test", null), new("f@x.test", null)]), default);

        Assert.Equal(EventChangeOutcome.Done, outcome);
        var responses = (await _calendar.GetAttendeeResponsesAsync(created.EventId, default))!;
        Assert.Equal(AttendeeResponse.Accepted, responses["D@x.test"]);
        Assert.Equal(AttendeeResponse.None, responses["f@x.test"]);
        Assert.False(responses.ContainsKey("e@x.test"));
    }

    [Fact]
    public async Task Unknown_events_are_not_found_rather_than_errors()
    {
        using var org = HireBot.Organisations.OrgScope.Enter(HireBot.Organisations.OrgScope.Default); // tests act as the default organisation
        Assert.Null(await _calendar.GetAttendeeResponsesAsync("local-missing", default));
        Assert.Equal(EventChangeOutcome.NotFound, await _calendar.UpdateEventAsync("local-missing", new EventChange(Nine), default));
        Assert.Equal(EventChangeOutcome.NotFound, await _calendar.CancelEventAsync("local-missing", "x", default));
    }
}
