using System.Diagnostics;
using HireBot.Calendar;
using HireBot.Tests.Fakes.Graph;

namespace HireBot.Tests.Calendar;

public sealed class GraphThrottlingAndAuthTests
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(429)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task Throttled_call_is_retried_after_the_Retry_After_delay(int status)
    {
        await using var harness = await GraphHarness.StartAsync();
        await harness.Calendar.GetFreeBusyAsync(["ana@contoso.test"], Monday, Monday.AddDays(1), CancellationToken.None);
        harness.Graph.Mailbox("ana@contoso.test").Busy(Monday.AddHours(9), Monday.AddHours(10));
        harness.Graph.Throttle(1, retryAfterSeconds: 1, status);
        var clock = Stopwatch.StartNew();

        var schedule = (await harness.Calendar.GetFreeBusyAsync(
            ["ana@contoso.test"], Monday, Monday.AddDays(1), CancellationToken.None)).Single();

        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.9), $"retried after {clock.Elapsed}");
        Assert.Single(schedule.Busy);
        Assert.Equal(3, harness.RequestsTo("getSchedule").Count);
    }

    [Fact]
    public async Task Throttling_past_the_retry_budget_surfaces_a_throttled_calendar_exception()
    {
        await using var harness = await GraphHarness.StartAsync();
        harness.Graph.Throttle(10, retryAfterSeconds: 0);

        var error = await Assert.ThrowsAsync<CalendarException>(() => harness.Calendar.GetFreeBusyAsync(
            ["ana@contoso.test"], Monday, Monday.AddDays(1), CancellationToken.None));

        Assert.Equal(CalendarFailure.Throttled, error.Failure);
        Assert.Equal(429, error.StatusCode);
        Assert.Contains("Retries exhausted", error.Message);
        Assert.Equal(TimeSpan.Zero, error.RetryAfter);
        Assert.True(error.IsTransient);
        Assert.Equal(4, harness.RequestsTo("getSchedule").Count);
    }

    [Fact]
    public async Task Every_request_carries_a_bearer_token_from_the_configured_authority()
    {
        await using var harness = await GraphHarness.StartAsync();

        await harness.Calendar.GetFreeBusyAsync(["ana@contoso.test"], Monday, Monday.AddDays(1), CancellationToken.None);
        await harness.Calendar.GetFreeBusyAsync(["ana@contoso.test"], Monday, Monday.AddDays(1), CancellationToken.None);

        Assert.All(harness.Graph.Requests, r => Assert.StartsWith("Bearer ", r.Authorization));
        Assert.True(await harness.Issuer.IsValidAsync(harness.Graph.Requests[0].Authorization!["Bearer ".Length..]));
        Assert.Equal(1, harness.Issuer.TokensIssued);
    }

    [Fact]
    public async Task Wrong_client_secret_is_a_final_rejection_and_never_reaches_Graph()
    {
        await using var harness = await GraphHarness.StartAsync(clientSecret: "not-the-secret");

        var error = await Assert.ThrowsAsync<CalendarException>(() => harness.Calendar.GetFreeBusyAsync(
            ["ana@contoso.test"], Monday, Monday.AddDays(1), CancellationToken.None));

        Assert.Equal(CalendarFailure.Rejected, error.Failure);
        Assert.False(error.IsTransient);
        Assert.Empty(harness.Graph.Requests);
        Assert.Equal(0, harness.Issuer.TokensIssued);
    }
}
