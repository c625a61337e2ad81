using System.Text.Json.Nodes;
using HireBot.Calendar;

namespace HireBot.Tests.Calendar;

public sealed class GraphFreeBusyTests
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Forty_five_mailboxes_take_three_getSchedule_calls_of_at_most_twenty()
    {
        await using var harness = await GraphHarness.StartAsync();
        var emails = Enumerable.Range(1, 45).Select(i => $"panelist{i}@contoso.test").ToList();
        foreach (var email in emails)
        {
            harness.Graph.Mailbox(email);
        }

        var schedules = await harness.Calendar.GetFreeBusyAsync(emails, Monday, Monday.AddDays(5), CancellationToken.None);

        var calls = harness.RequestsTo("/calendar/getSchedule");
        Assert.Equal([20, 20, 5], calls.Select(c => c.Json["schedules"]!.AsArray().Count));
        Assert.All(calls, c => Assert.Equal($"/v1.0/users/{GraphHarness.Organizer}/calendar/getSchedule", c.Path));
        Assert.Equal(emails, schedules.Select(s => s.Email));
        Assert.All(schedules, s => Assert.True(s.IsKnown));
    }

    [Fact]
    public async Task Sixty_day_window_is_split_into_two_calls_and_a_boundary_meeting_is_merged()
    {
        await using var harness = await GraphHarness.StartAsync();
        var boundary = Monday.AddDays(42);
        harness.Graph.Mailbox("ana@contoso.test").Busy(boundary.AddHours(-1), boundary.AddHours(1));

        var schedules = await harness.Calendar.GetFreeBusyAsync(
            ["ana@contoso.test"], Monday, Monday.AddDays(60), CancellationToken.None);

        var windows = harness.RequestsTo("/calendar/getSchedule").Select(c => c.Json).ToList();
        Assert.Equal(2, windows.Count);
        Assert.Equal("2026-03-02T00:00:00.0000000", windows[0]["startTime"]!["dateTime"]!.GetValue<string>());
        Assert.Equal("2026-04-13T00:00:00.0000000", windows[0]["endTime"]!["dateTime"]!.GetValue<string>());
        Assert.Equal("2026-04-13T00:00:00.0000000", windows[1]["startTime"]!["dateTime"]!.GetValue<string>());
        Assert.Equal("2026-05-01T00:00:00.0000000", windows[1]["endTime"]!["dateTime"]!.GetValue<string>());
        Assert.All(windows, w => Assert.Equal("UTC", w["startTime"]!["timeZone"]!.GetValue<string>()));
        Assert.Equal([new BusyInterval(boundary.AddHours(-1), boundary.AddHours(1))], schedules.Single().Busy);
    }

    [Theory]
    [InlineData("busy", true)]
    [InlineData("oof", true)]
    [InlineData("tentative", true)]
    [InlineData("free", false)]
    [InlineData("workingElsewhere", false)]
    public async Task Schedule_item_status_decides_whether_the_slot_is_busy(string status, bool blocks)
    {
        await using var harness = await GraphHarness.StartAsync();
        var start = Monday.AddHours(14);
        harness.Graph.Mailbox("ben@contoso.test").Busy(start, start.AddMinutes(45), status);

        var schedule = (await harness.Calendar.GetFreeBusyAsync(
            ["ben@contoso.test"], Monday, Monday.AddDays(1), CancellationToken.None)).Single();

        Assert.Equal(blocks ? [new BusyInterval(start, start.AddMinutes(45))] : [], schedule.Busy);
    }

    [Fact]
    public async Task Busy_items_are_clipped_to_the_window_merged_and_asked_for_in_UTC()
    {
        await using var harness = await GraphHarness.StartAsync();
        harness.Graph.Mailbox("cy@contoso.test")
            .Busy(Monday.AddHours(-2), Monday.AddHours(1))
            .Busy(Monday.AddHours(9), Monday.AddHours(10))
            .Busy(Monday.AddHours(9.5), Monday.AddHours(11), "oof");

        var schedule = (await harness.Calendar.GetFreeBusyAsync(
            ["cy@contoso.test"], Monday, Monday.AddDays(1), CancellationToken.None)).Single();

        Assert.Equal(
            [new BusyInterval(Monday, Monday.AddHours(1)), new BusyInterval(Monday.AddHours(9), Monday.AddHours(11))],
            schedule.Busy);
        Assert.Equal("outlook.timezone=\"UTC\"", harness.RequestsTo("getSchedule").Single().Prefer);
    }

    [Fact]
    public async Task Working_hours_are_returned_with_their_time_zone()
    {
        await using var harness = await GraphHarness.StartAsync();
        harness.Graph.Mailbox("dee@contoso.test")
            .Works("08:30:00.0000000", "17:00:00.0000000", "Pacific Standard Time", "monday", "tuesday", "friday");

        var schedule = (await harness.Calendar.GetFreeBusyAsync(
            ["dee@contoso.test"], Monday, Monday.AddDays(1), CancellationToken.None)).Single();

        var hours = schedule.WorkingHours!;
        Assert.Equal("Pacific Standard Time", schedule.WorkingHoursZone);
        Assert.All(hours.Stretches, s => Assert.Equal((new TimeOnly(8, 30), new TimeOnly(17, 0)), (s.Start, s.End)));
        Assert.Equal([DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Friday], hours.Days);
    }

    [Fact]
    public async Task Unknown_mailbox_is_reported_as_an_error_entry_not_an_exception()
    {
        await using var harness = await GraphHarness.StartAsync();
        harness.Graph.Mailbox("known@contoso.test").Busy(Monday.AddHours(9), Monday.AddHours(10));

        var schedules = await harness.Calendar.GetFreeBusyAsync(
            ["known@contoso.test", "nobody@contoso.test"], Monday, Monday.AddDays(1), CancellationToken.None);

        Assert.True(schedules[0].IsKnown);
        Assert.Single(schedules[0].Busy);
        Assert.False(schedules[1].IsKnown);
        Assert.Equal("ErrorMailboxNotFound", schedules[1].Error);
        Assert.Empty(schedules[1].Busy);
    }

    [Fact]
    public async Task Window_ending_before_it_starts_is_rejected_without_calling_Graph()
    {
        await using var harness = await GraphHarness.StartAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => harness.Calendar.GetFreeBusyAsync(
            ["ana@contoso.test"], Monday, Monday, CancellationToken.None));
        Assert.Empty(harness.Graph.Requests);
    }
}
