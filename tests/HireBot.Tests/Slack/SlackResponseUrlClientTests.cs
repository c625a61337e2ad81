using System.Text.Json.Nodes;
using HireBot.Slack;
using HireBot.Tests.Fakes;
using Microsoft.Extensions.Options;

namespace HireBot.Tests.Slack;

public sealed class SlackResponseUrlClientTests : IAsyncLifetime
{
    private FakeSlack slack = null!;
    private HttpClient http = null!;
    private SlackResponseUrlClient client = null!;

    public async Task InitializeAsync()
    {
        slack = await FakeSlack.StartAsync();
        http = new HttpClient();
        client = new SlackResponseUrlClient(http, Options.Create(new SlackOptions { ResponseUrlHosts = ["hooks.slack.com", "127.0.0.1"] }));
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await slack.DisposeAsync();
    }

    [Fact]
    public async Task Reply_is_posted_as_json_without_any_token()
    {
        var blocks = new JsonArray(new JsonObject { ["type"] = "divider" });

        var outcome = await client.PostAsync(slack.ResponseUrl("abc"), new SlackResponseMessage("Submitted", blocks, ReplaceOriginal: true), CancellationToken.None);

        Assert.Equal(SlackResponseUrlOutcome.Posted, outcome);
        var call = Assert.Single(slack.CallsTo("hooks/abc"));
        Assert.Null(call.Authorization);
        Assert.Equal("application/json; charset=utf-8", call.ContentType);
        Assert.Equal(("Submitted", "ephemeral", true), (call.Json.GetProperty("text").GetString(), call.Json.GetProperty("response_type").GetString(), call.Json.GetProperty("replace_original").GetBoolean()));
        Assert.Equal("divider", call.Json.GetProperty("blocks")[0].GetProperty("type").GetString());
    }

    [Fact]
    public async Task In_channel_reply_says_so()
    {
        await client.PostAsync(slack.ResponseUrl("ch"), new SlackResponseMessage("Decision: hire", InChannel: true), CancellationToken.None);

        Assert.Equal("in_channel", Assert.Single(slack.CallsTo("hooks/ch")).Json.GetProperty("response_type").GetString());
    }

    [Theory]
    [InlineData("https://hooks.slack.com/commands/T1/2/abc", true)]
    [InlineData("https://HOOKS.slack.com/actions/T1/2/abc", true)]
    [InlineData("http://hooks.slack.com/commands/T1/2/abc", false)]
    [InlineData("https://hooks.slack.com.evil.example/commands", false)]
    [InlineData("https://evil.example/hooks.slack.com", false)]
    [InlineData("https://user:pw@hooks.slack.com/commands", false)]
    [InlineData("http://127.0.0.1:5000/hooks/x", true)]
    [InlineData("http://localhost:5000/hooks/x", false)]
    [InlineData("not a url", false)]
    public void Only_https_on_allowed_hosts_or_listed_loopback_is_accepted(string url, bool allowed) =>
        Assert.Equal(allowed, client.IsAllowed(url));

    [Fact]
    public async Task Disallowed_url_is_refused_without_sending()
    {
        var outcome = await client.PostAsync("https://evil.example/x", new SlackResponseMessage("secret"), CancellationToken.None);

        Assert.Equal(SlackResponseUrlOutcome.UrlNotAllowed, outcome);
        Assert.Empty(slack.Calls);
    }

    [Fact]
    public async Task Expired_response_url_is_a_final_failure_with_slack_code()
    {
        slack.ExpireHook("old");

        var e = await Assert.ThrowsAsync<SlackApiException>(() => client.PostAsync(slack.ResponseUrl("old"), new SlackResponseMessage("late"), CancellationToken.None));

        Assert.Equal(("response_url", "expired_url", SlackFailureKind.Final, 404), (e.Method, e.ErrorCode, e.Kind, e.HttpStatus));
    }

    [Fact]
    public async Task Response_url_429_is_rate_limited()
    {
        slack.RateLimitNext("busy", 3);

        var e = await Assert.ThrowsAsync<SlackApiException>(() => client.PostAsync(slack.ResponseUrl("busy"), new SlackResponseMessage("x"), CancellationToken.None));

        Assert.Equal((SlackFailureKind.RateLimited, TimeSpan.FromSeconds(3)), (e.Kind, e.RetryAfter));
    }
}
