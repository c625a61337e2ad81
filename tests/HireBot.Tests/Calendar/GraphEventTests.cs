using HireBot.Calendar;

namespace HireBot.Tests.Calendar;

public sealed class GraphEventTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 3, 16, 0, 0, TimeSpan.Zero);

    private static InterviewEvent Interview(string transactionId = "loop-7-round-2-attempt-1") => new(
        "Interview: system design",
        "<p>Your interview kit follows in chat.</p>",
        Start,
        Start.AddMinutes(60),
        [
            new EventAttendee("ana@contoso.test", "Ana"),
            new EventAttendee("ben@contoso.test", "Ben"),
            new EventAttendee("shadow@contoso.test", null, IsOptional: true),
            new EventAttendee("candidate@example.test", "Casey Candidate"),
        ],
        IsOnlineMeeting: true,
        transactionId);

    [Fact]
    public async Task Created_event_carries_attendees_teams_meeting_transaction_id_and_UTC_times()
    {
        await using var harness = await GraphHarness.StartAsync();

        var created = await harness.Calendar.CreateEventAsync(Interview(), CancellationToken.None);

        var post = harness.RequestsTo("/events").Single();
        Assert.Equal(("POST", $"/v1.0/users/{GraphHarness.Organizer}/events"), (post.Method, post.Path));
        var body = post.Json;
        Assert.Equal("loop-7-round-2-attempt-1", body["transactionId"]!.GetValue<string>());
        Assert.True(body["isOnlineMeeting"]!.GetValue<bool>());
        Assert.Equal("teamsForBusiness", body["onlineMeetingProvider"]!.GetValue<string>());
        Assert.Equal("html", body["body"]!["contentType"]!.GetValue<string>());
        Assert.Equal("2026-03-03T16:00:00.0000000", body["start"]!["dateTime"]!.GetValue<string>());
        Assert.Equal("UTC", body["start"]!["timeZone"]!.GetValue<string>());
        Assert.Equal("2026-03-03T17:00:00.0000000", body["end"]!["dateTime"]!.GetValue<string>());
        var attendees = body["attendees"]!.AsArray()
            .Select(a => (a!["emailAddress"]!["address"]!.GetValue<string>(), a["type"]!.GetValue<string>()));
        Assert.Equal(
            [("ana@contoso.test", "required"), ("ben@contoso.test", "required"), ("shadow@contoso.test", "optional"), ("candidate@example.test", "required")],
            attendees);
        Assert.Equal(harness.Graph.Event(created.EventId)!["id"]!.GetValue<string>(), created.EventId);
        Assert.StartsWith("https://teams.microsoft.com/l/meetup-join/", created.JoinUrl);
    }

    [Fact]
    public async Task Replaying_a_create_with_the_same_transaction_id_returns_the_first_event()
    {
        await using var harness = await GraphHarness.StartAsync();

        var first = await harness.Calendar.CreateEventAsync(Interview(), CancellationToken.None);
        var replay = await harness.Calendar.CreateEventAsync(Interview(), CancellationToken.None);
        var other = await harness.Calendar.CreateEventAsync(Interview("loop-7-round-3-attempt-1"), CancellationToken.None);

        Assert.Equal(first, replay);
        Assert.NotEqual(first.EventId, other.EventId);
        Assert.Equal(3, harness.RequestsTo("/events").Count);
        Assert.Equal(2, harness.Graph.EventCount);
    }

    [Fact]
    public async Task A_lost_create_response_is_retried_by_the_SDK_without_a_duplicate_event()
    {
        await using var harness = await GraphHarness.StartAsync();
        harness.Graph.LoseNextCreateResponse();

        var created = await harness.Calendar.CreateEventAsync(Interview(), CancellationToken.None);

        var posts = harness.RequestsTo("/events");
        Assert.Equal(2, posts.Count);
        Assert.Equal(posts[0].Body, posts[1].Body);
        Assert.Equal(1, harness.Graph.EventCount);
        Assert.NotNull(harness.Graph.Event(created.EventId));
    }

    [Fact]
    public async Task Update_patches_only_times_and_attendees()
    {
        await using var harness = await GraphHarness.StartAsync();
        var created = await harness.Calendar.CreateEventAsync(Interview(), CancellationToken.None);

        var outcome = await harness.Calendar.UpdateEventAsync(
            created.EventId,
            new EventChange(Start.AddDays(1), Start.AddDays(1).AddMinutes(60), [new EventAttendee("dee@contoso.test", "Dee")]),
            CancellationToken.None);

        Assert.Equal(EventChangeOutcome.Done, outcome);
        var patch = harness.Graph.Requests.Single(r => r.Method == "PATCH");
        Assert.Equal($"/v1.0/users/{GraphHarness.Organizer}/events/{created.EventId}", patch.Path);
        Assert.Equal(["attendees", "end", "start"], patch.Json.AsObject().Select(p => p.Key.ToLowerInvariant()).Where(k => !k.StartsWith('@')).Order());
        var stored = harness.Graph.Event(created.EventId)!;
        Assert.Equal("2026-03-04T16:00:00.0000000", stored["start"]!["dateTime"]!.GetValue<string>());
        Assert.Equal("<p>Your interview kit follows in chat.</p>", stored["body"]!["content"]!.GetValue<string>());
    }

    [Fact]
    public async Task Cancel_posts_the_comment_to_the_cancel_action()
    {
        await using var harness = await GraphHarness.StartAsync();
        var created = await harness.Calendar.CreateEventAsync(Interview(), CancellationToken.None);

        var outcome = await harness.Calendar.CancelEventAsync(created.EventId, "The role was filled.", CancellationToken.None);

        Assert.Equal(EventChangeOutcome.Done, outcome);
        Assert.Single(harness.RequestsTo("/cancel"));
        Assert.True(harness.Graph.Event(created.EventId)!["isCancelled"]!.GetValue<bool>());
        Assert.Equal("The role was filled.", harness.Graph.Event(created.EventId)!["cancelComment"]!.GetValue<string>());
    }

    [Fact]
    public async Task Attendee_responses_show_who_declined()
    {
        await using var harness = await GraphHarness.StartAsync();
        var created = await harness.Calendar.CreateEventAsync(Interview(), CancellationToken.None);
        harness.Graph.Respond(created.EventId, "ana@contoso.test", "accepted");
        harness.Graph.Respond(created.EventId, "ben@contoso.test", "declined");
        harness.Graph.Respond(created.EventId, "shadow@contoso.test", "tentativelyAccepted");

        var responses = await harness.Calendar.GetAttendeeResponsesAsync(created.EventId, CancellationToken.None);

        Assert.NotNull(responses);
        Assert.Equal(AttendeeResponse.Accepted, responses["ANA@contoso.test"]);
        Assert.Equal(AttendeeResponse.Declined, responses["ben@contoso.test"]);
        Assert.Equal(AttendeeResponse.Tentative, responses["shadow@contoso.test"]);
        Assert.Equal(AttendeeResponse.None, responses["candidate@example.test"]);
        Assert.Contains("$select=attendees", Uri.UnescapeDataString(harness.Graph.Requests[^1].Path));
    }

    [Fact]
    public async Task Missing_event_is_an_outcome_not_an_exception()
    {
        await using var harness = await GraphHarness.StartAsync();

        Assert.Equal(EventChangeOutcome.NotFound, await harness.Calendar.UpdateEventAsync(
            "AAMkAG-404=", new EventChange(Start, Start.AddHours(1)), CancellationToken.None));
        Assert.Equal(EventChangeOutcome.NotFound, await harness.Calendar.CancelEventAsync(
            "AAMkAG-404=", "gone", CancellationToken.None));
        Assert.Null(await harness.Calendar.GetAttendeeResponsesAsync("AAMkAG-404=", CancellationToken.None));
        Assert.Equal(3, harness.Graph.Requests.Count);
    }
}
