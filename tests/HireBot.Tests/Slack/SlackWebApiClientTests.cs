using System.Text.Json.Nodes;
using HireBot.Slack;
using HireBot.Tests.Fakes;
using Microsoft.Extensions.Options;

namespace HireBot.Tests.Slack;

public sealed class SlackWebApiClientTests : IAsyncLifetime
{
    private FakeSlack slack = null!;
    private HttpClient http = null!;
    private SlackWebApiClient client = null!;
    private static CancellationToken Ct => new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;

    public async Task InitializeAsync()
    {
        slack = await FakeSlack.StartAsync();
        http = new HttpClient { BaseAddress = new Uri(slack.ApiBaseUrl) };
        var options = new SlackOptions { ClientId = FakeSlack.ClientId, ClientSecret = FakeSlack.ClientSecret, ApiBaseUrl = slack.ApiBaseUrl };
        client = new SlackWebApiClient(http, Options.Create(options));
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await slack.DisposeAsync();
    }

    [Fact]
    public async Task Post_message_sends_json_with_bearer_token_text_and_blocks()
    {
        var blocks = new JsonArray(new JsonObject { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = "*Loop L-42*" } });

        var posted = await client.PostMessageAsync(FakeSlack.BotToken, new SlackMessage("C123", "Loop L-42", blocks, "1.2"), Ct);

        var call = Assert.Single(slack.CallsTo("chat.postMessage"));
        Assert.Equal(("/api/chat.postMessage", "Bearer " + FakeSlack.BotToken, "application/json; charset=utf-8"), (call.Path, call.Authorization, call.ContentType));
        Assert.Equal("C123", call.Json.GetProperty("channel").GetString());
        Assert.Equal("Loop L-42", call.Json.GetProperty("text").GetString());
        Assert.Equal("1.2", call.Json.GetProperty("thread_ts").GetString());
        Assert.Equal("*Loop L-42*", call.Json.GetProperty("blocks")[0].GetProperty("text").GetProperty("text").GetString());
        Assert.Equal("C123", posted.ChannelId);
        Assert.StartsWith("1503435956.", posted.Ts);
    }

    [Fact]
    public async Task Update_sends_channel_and_ts_but_no_thread()
    {
        var updated = await client.UpdateMessageAsync(FakeSlack.BotToken, new SlackMessage("C123", "Submitted", ThreadTs: "9.9"), "1503435956.000001", Ct);

        var json = Assert.Single(slack.CallsTo("chat.update")).Json;
        Assert.Equal(("C123", "1503435956.000001", "Submitted"), (json.GetProperty("channel").GetString(), json.GetProperty("ts").GetString(), json.GetProperty("text").GetString()));
        Assert.False(json.TryGetProperty("thread_ts", out _));
        Assert.Equal(new SlackPostedMessage("C123", "1503435956.000001"), updated);
    }

    [Fact]
    public async Task Ephemeral_names_the_user_and_returns_message_ts()
    {
        var ts = await client.PostEphemeralAsync(FakeSlack.BotToken, new SlackMessage("C123", "Only you"), "U42", Ct);

        var json = Assert.Single(slack.CallsTo("chat.postEphemeral")).Json;
        Assert.Equal("U42", json.GetProperty("user").GetString());
        Assert.StartsWith("1503435956.", ts);
    }

    [Fact]
    public async Task Conversations_open_joins_user_ids_and_returns_the_dm_channel()
    {
        var channel = await client.OpenConversationAsync(FakeSlack.BotToken, ["W012A3CDE"], Ct);

        Assert.Equal("W012A3CDE", Assert.Single(slack.CallsTo("conversations.open")).Json.GetProperty("users").GetString());
        Assert.Equal("DW012A3CDE", channel);
    }

    [Fact]
    public async Task Views_open_then_update_pass_trigger_view_id_and_hash()
    {
        var view = new JsonObject { ["type"] = "modal", ["callback_id"] = "scorecard", ["title"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Scorecard" } };

        var opened = await client.OpenViewAsync(FakeSlack.BotToken, "12345.98765.abcd2358fdea", view, Ct);
        var updated = await client.UpdateViewAsync(FakeSlack.BotToken, opened.Id, opened.Hash, view, Ct);

        var open = Assert.Single(slack.CallsTo("views.open")).Json;
        Assert.Equal("12345.98765.abcd2358fdea", open.GetProperty("trigger_id").GetString());
        Assert.Equal("scorecard", open.GetProperty("view").GetProperty("callback_id").GetString());
        var update = Assert.Single(slack.CallsTo("views.update")).Json;
        Assert.Equal((opened.Id, opened.Hash), (update.GetProperty("view_id").GetString(), update.GetProperty("hash").GetString()));
        Assert.NotEqual(opened.Id, updated.Id);
    }

    [Fact]
    public async Task Lookup_by_email_is_a_form_post_and_returns_the_user()
    {
        var user = await client.LookupUserByEmailAsync(FakeSlack.BotToken, "spengler@ghostbusters.example.com", Ct);

        var call = Assert.Single(slack.CallsTo("users.lookupByEmail"));
        Assert.Equal("application/x-www-form-urlencoded", call.ContentType);
        Assert.Equal("spengler@ghostbusters.example.com", call.Form["email"]);
        Assert.Equal(new SlackUser("W012A3CDE", FakeSlack.TeamId, "spengler@ghostbusters.example.com", "Egon Spengler", "America/Los_Angeles", false, false), user);
    }

    [Fact]
    public async Task Lookup_of_an_unknown_email_is_null_not_an_error() =>
        Assert.Null(await client.LookupUserByEmailAsync(FakeSlack.BotToken, "nobody@example.com", Ct));

    [Fact]
    public async Task Users_info_is_a_form_post_by_user_id()
    {
        var user = await client.GetUserAsync(FakeSlack.BotToken, "W012A3CDE", Ct);

        Assert.Equal("W012A3CDE", Assert.Single(slack.CallsTo("users.info")).Form["user"]);
        Assert.Equal("America/Los_Angeles", user.TimeZone);
    }

    [Fact]
    public async Task OAuth_exchange_sends_client_credentials_and_code_without_a_bearer()
    {
        var access = await client.ExchangeOAuthCodeAsync(FakeSlack.ValidCode, "https://bot.example/slack/oauth/callback", Ct);

        var call = Assert.Single(slack.CallsTo("oauth.v2.access"));
        Assert.Null(call.Authorization);
        Assert.Equal((FakeSlack.ClientId, FakeSlack.ClientSecret, FakeSlack.ValidCode, "https://bot.example/slack/oauth/callback"),
            (call.Form["client_id"], call.Form["client_secret"], call.Form["code"], call.Form["redirect_uri"]));
        Assert.Equal((FakeSlack.InstalledTeamId, "Example Team", "U0KRQLJ9H", FakeSlack.InstalledBotToken), (access.TeamId, access.TeamName, access.BotUserId, access.BotToken));
        Assert.Contains("users:read.email", access.Scopes);
    }

    [Theory]
    [InlineData(null, "not_authed")]
    [InlineData("xoxb-revoked", "invalid_auth")]
    public async Task Bad_token_surfaces_slack_error_code_as_final(string? token, string code)
    {
        var e = await Assert.ThrowsAsync<SlackApiException>(() => client.PostMessageAsync(token!, new SlackMessage("C1", "x"), Ct));

        Assert.Equal(("chat.postMessage", code, SlackFailureKind.Final), (e.Method, e.ErrorCode, e.Kind));
    }

    [Theory]
    [InlineData("channel_not_found", SlackFailureKind.Final)]
    [InlineData("internal_error", SlackFailureKind.Retryable)]
    [InlineData("ratelimited", SlackFailureKind.RateLimited)]
    public async Task Ok_false_becomes_an_exception_with_method_and_code(string code, SlackFailureKind kind)
    {
        slack.FailNext("chat.update", code);

        var e = await Assert.ThrowsAsync<SlackApiException>(() => client.UpdateMessageAsync(FakeSlack.BotToken, new SlackMessage("C1", "x"), "1.1", Ct));

        Assert.Equal(("chat.update", code, kind, 200), (e.Method, e.ErrorCode, e.Kind, e.HttpStatus));
    }

    [Fact]
    public async Task Http_429_is_rate_limited_with_the_retry_after_seconds()
    {
        slack.RateLimitNext("chat.postMessage", 17);

        var e = await Assert.ThrowsAsync<SlackApiException>(() => client.PostMessageAsync(FakeSlack.BotToken, new SlackMessage("C1", "x"), Ct));

        Assert.Equal((SlackFailureKind.RateLimited, TimeSpan.FromSeconds(17), 429), (e.Kind, e.RetryAfter, e.HttpStatus));
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    public async Task Server_errors_are_retryable(int status)
    {
        slack.ServerErrorNext("views.open", status);

        var e = await Assert.ThrowsAsync<SlackApiException>(() => client.OpenViewAsync(FakeSlack.BotToken, "t", new JsonObject(), Ct));

        Assert.Equal(("views.open", SlackFailureKind.Retryable, status), (e.Method, e.Kind, e.HttpStatus));
    }

    [Fact]
    public async Task Unreachable_api_is_a_retryable_transport_failure()
    {
        using var dead = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:1/api/") };
        var offline = new SlackWebApiClient(dead, Options.Create(new SlackOptions()));

        var e = await Assert.ThrowsAsync<SlackApiException>(() => offline.GetUserAsync(FakeSlack.BotToken, "U1", Ct));

        Assert.Equal(("users.info", "http_transport", SlackFailureKind.Retryable), (e.Method, e.ErrorCode, e.Kind));
    }
}
