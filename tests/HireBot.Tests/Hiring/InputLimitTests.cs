using System.Net;
using System.Net.Http.Json;
using System.Text;
using HireBot.Core;
using HireBot.Inbox;
using HireBot.Local;
using HireBot.Storage;
using HireBot.Tests.Scorecards;
using HireBot.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using static HireBot.Tests.Scorecards.ScorecardHarness;

namespace HireBot.Tests.Hiring;

/// <summary>Every input a user controls is bounded, and the answer to an oversized one says which limit and by how much.</summary>
public class InputLimitTests : IAsyncLifetime
{
    private BotApp _bot = null!;

    public async Task InitializeAsync() => _bot = await BotApp.StartAsync(nameof(InputLimitTests));
    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task A_local_body_over_the_limit_is_refused_with_413_and_nothing_runs()
    {
        var text = "role create big " + new string('x', LocalEndpoints.MaxBodyBytes);

        var body = System.Text.Json.JsonSerializer.Serialize(new { from = "rita@example.com", text });
        var response = await _bot.Http.PostAsync("/local/messages", new StringContent(body, Encoding.UTF8, "application/json")); // with Content-Length

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains($"larger than {LocalEndpoints.MaxBodyBytes} bytes", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await _bot.ScalarAsync<long>("SELECT count(*) FROM roles"));
    }

    [Fact]
    public async Task A_chunked_local_body_over_the_limit_is_refused_too()
    {
        var body = "{\"from\":\"rita@example.com\",\"text\":\"" + new string('x', LocalEndpoints.MaxBodyBytes) + "\"}";
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(body)));
        content.Headers.ContentType = new("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/local/messages") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await _bot.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains($"larger than {LocalEndpoints.MaxBodyBytes} bytes", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await _bot.ScalarAsync<long>("SELECT count(*) FROM roles"));
    }

    [Fact]
    public async Task A_command_over_the_limit_is_answered_with_its_length_and_the_limit()
    {
        var text = "role create big " + new string('x', InputLimits.CommandChars);

        var reply = await _bot.SayAsync("rita@example.com", text);

        Assert.True(IsError(reply));
        Assert.Contains($"That command is {text.Length} characters long; the limit is {InputLimits.CommandChars}.", Text(reply));
    }

    [Fact]
    public async Task Evidence_over_the_limit_comes_back_on_its_field_and_nothing_is_stored()
    {
        var loop = await _bot.NewLoopAsync("ev", new InterviewSpec("screen", ["pat@example.com"]));
        var data = Filled(loop.Interviews[0], "screen", 3);
        data["evidence.reliability"] = string.Join(' ', Enumerable.Repeat("word", InputLimits.EvidenceChars / 5 + 1));

        var reply = await _bot.ActAsync("pat@example.com", "scorecard.submit", data);

        var rows = reply["data"]!["competencies"]!.AsArray().ToDictionary(c => c!["id"]!.GetValue<string>(), c => c!.AsObject());
        Assert.Contains($"the limit is {InputLimits.EvidenceChars}", rows["reliability"]["error"]!.GetValue<string>());
        Assert.Null(rows["data-modeling"]["error"]);
        Assert.Equal(0, await _bot.ScalarAsync<long>("SELECT count(*) FROM scorecards WHERE interview_id = $1", loop.Interviews[0]));
    }

    [Fact]
    public async Task A_decision_reason_over_the_limit_is_refused_and_the_loop_stays_open()
    {
        var loop = await _bot.NewLoopAsync("dr", new InterviewSpec("screen", ["pat@example.com"]));
        var reason = new string('r', InputLimits.DecisionReasonChars + 1);

        var reply = await _bot.SayAsync(Recruiter, $"decide {loop.Candidate} hire {reason}");

        Assert.True(IsError(reply));
        Assert.Contains($"The reason is {reason.Length} characters long; the limit is {InputLimits.DecisionReasonChars}.", Text(reply));
        Assert.Equal("InProgress", await _bot.ScalarAsync<string>("SELECT state FROM loops WHERE id = $1", loop.LoopId));
    }
}

/// <summary>The inbox's group-commit queue is bounded: past Inbox__MaxQueued, requests get 503 with Retry-After.</summary>
public class InboxQueueLimitTests
{
    [Fact]
    public async Task A_full_write_queue_refuses_the_next_request_and_the_waiting_ones_are_still_stored()
    {
        var cs = await TestDatabase.CreateAsync(nameof(A_full_write_queue_refuses_the_next_request_and_the_waiting_ones_are_still_stored));
        await using var db = NpgsqlDataSource.Create(cs);
        var writer = new InboxWriter(db, new InboxSignal(), Options.Create(new InboxOptions { MaxQueued = 2 }), NullLogger<InboxWriter>.Instance);

        // The writer is not running yet: two requests wait in the queue, the third finds it full.
        var waiting = new[] { writer.AcceptAsync(HireBot.Organisations.OrgScope.Default, "test", "k1", "g", "p", default), writer.AcceptAsync(HireBot.Organisations.OrgScope.Default, "test", "k2", "g", "p", default) };
        var full = await Assert.ThrowsAsync<InboxFullException>(() => writer.AcceptAsync(HireBot.Organisations.OrgScope.Default, "test", "k3", "g", "p", default));
        Assert.Contains("2 requests are waiting", full.Message);

        await writer.StartAsync(default);
        Assert.All(await Task.WhenAll(waiting), Assert.True);
        Assert.True(await writer.AcceptAsync(HireBot.Organisations.OrgScope.Default, "test", "k3", "g", "p", default)); // room again
        await writer.StopAsync(default);
        await using var count = db.CreateCommand("SELECT count(*) FROM inbox WHERE source = 'test'");
        Assert.Equal(3L, (long)(await count.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task A_full_queue_is_answered_503_with_retry_after()
    {
        var middleware = new DatabaseUnavailableMiddleware(_ => throw new InboxFullException(5000), NullLogger<DatabaseUnavailableMiddleware>.Instance);
        var http = new DefaultHttpContext();
        http.Request.Path = "/api/messages";
        http.Response.Body = new MemoryStream();

        await middleware.InvokeAsync(http);

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, http.Response.StatusCode);
        Assert.Equal(DatabaseUnavailableMiddleware.BusyRetryAfterSeconds, http.Response.Headers.RetryAfter.ToString());
        Assert.Contains("busy", Encoding.UTF8.GetString(((MemoryStream)http.Response.Body).ToArray()));
    }
}
