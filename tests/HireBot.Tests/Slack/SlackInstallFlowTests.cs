using HireBot.Slack;
using HireBot.Tests.Fakes;
using HireBot.Tests.Fakes.Slack;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace HireBot.Tests.Slack;

public sealed class SlackInstallFlowTests : IAsyncLifetime
{
    private FakeSlack slack = null!;
    private SlackTestHost host = null!;

    public async Task InitializeAsync()
    {
        slack = await FakeSlack.StartAsync();
        host = await SlackTestHost.StartAsync(slack);
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await slack.DisposeAsync();
    }

    private SlackInstallFlow Flow => host.Services.GetRequiredService<SlackInstallFlow>();

    [Fact]
    public void Install_link_asks_for_the_manifest_scopes_with_our_client_id_redirect_and_state()
    {
        var start = Flow.Start();

        Assert.Equal("https://slack.example/oauth/v2/authorize", start.AuthorizeUrl.GetLeftPart(UriPartial.Path));
        var query = QueryHelpers.ParseQuery(start.AuthorizeUrl.Query);
        Assert.Equal(FakeSlack.ClientId, query["client_id"]);
        Assert.Equal("commands,chat:write,im:write,channels:read,groups:read,channels:join,users:read.email,users:read", query["scope"]);
        Assert.Equal("https://bot.example/slack/oauth/callback", query["redirect_uri"]);
        Assert.Equal(start.State, query["state"]);
    }

    [Fact]
    public void State_is_valid_only_with_the_matching_cookie_before_expiry()
    {
        var state = Flow.Start().State;

        Assert.Equal(SlackOAuthStateCheck.Valid, Flow.CheckState(state, state));
        Assert.Equal(SlackOAuthStateCheck.NotThisBrowser, Flow.CheckState(state, null));
        Assert.Equal(SlackOAuthStateCheck.NotThisBrowser, Flow.CheckState(state, Flow.Start().State));
        host.Time.Advance(SlackInstallFlow.StateLifetime + TimeSpan.FromSeconds(1));
        Assert.Equal(SlackOAuthStateCheck.Expired, Flow.CheckState(state, state));
    }

    [Theory]
    [InlineData(null, SlackOAuthStateCheck.Missing)]
    [InlineData("abc", SlackOAuthStateCheck.Forged)]
    [InlineData("abc.def", SlackOAuthStateCheck.Forged)]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.AAAA", SlackOAuthStateCheck.Forged)]
    public void Missing_or_forged_state_is_refused(string? state, SlackOAuthStateCheck expected) =>
        Assert.Equal(expected, Flow.CheckState(state, state));

    [Fact]
    public async Task Install_and_callback_exchange_the_code_and_hand_over_an_encrypted_token()
    {
        var install = await host.Client.GetAsync("/slack/install");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, install.StatusCode);
        var cookie = install.Headers.GetValues("Set-Cookie").Single();
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        var state = QueryHelpers.ParseQuery(install.Headers.Location!.Query)["state"].ToString();

        using var callback = new HttpRequestMessage(HttpMethod.Get, $"/slack/oauth/callback?code={FakeSlack.ValidCode}&state={Uri.EscapeDataString(state)}");
        callback.Headers.Add("Cookie", cookie.Split(';')[0]);
        var response = await host.Client.SendAsync(callback);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var installation = Assert.IsType<SlackInstallation>(Assert.Single(host.Handler.Received));
        Assert.Equal((FakeSlack.InstalledTeamId, "U0KRQLJ9H"), (installation.TeamId, installation.BotUserId));
        Assert.DoesNotContain(FakeSlack.InstalledBotToken, installation.EncryptedBotToken);
        Assert.True(host.Services.GetRequiredService<SlackTokenProtector>().TryUnprotect(installation.EncryptedBotToken, installation.TeamId, out var token));
        Assert.Equal(FakeSlack.InstalledBotToken, token);
    }

    [Fact]
    public async Task Callback_without_the_state_cookie_is_refused_before_any_exchange()
    {
        var state = Flow.Start().State;

        var response = await host.Client.GetAsync($"/slack/oauth/callback?code={FakeSlack.ValidCode}&state={Uri.EscapeDataString(state)}");

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(slack.CallsTo("oauth.v2.access"));
        Assert.Empty(host.Handler.Received);
    }

    [Fact]
    public async Task Code_slack_refuses_answers_502_and_installs_nothing()
    {
        var state = Flow.Start().State;
        using var callback = new HttpRequestMessage(HttpMethod.Get, $"/slack/oauth/callback?code=stale&state={Uri.EscapeDataString(state)}");
        callback.Headers.Add("Cookie", $"{SlackInstallFlow.StateCookie}={state}");

        var response = await host.Client.SendAsync(callback);

        Assert.Equal(System.Net.HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Single(slack.CallsTo("oauth.v2.access"));
        Assert.Empty(host.Handler.Received);
    }
}
