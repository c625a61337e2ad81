using System.Net;
using System.Text;
using HireBot.Teams;
using Microsoft.Extensions.DependencyInjection;

namespace HireBot.Tests.Teams;

/// <summary>
/// Local mode (Agents Playground, Emulator): no app id, the loud switch on, a loopback caller,
/// no Authorization header and a loopback serviceUrl. Anything less is refused.
/// </summary>
public sealed class LocalModeTests
{
    private static readonly Dictionary<string, string?> LocalSettings = new()
    {
        ["Teams:MicrosoftAppId"] = "",
        ["Teams:MicrosoftAppPassword"] = "",
        ["Teams:DangerouslyAllowUnauthenticatedLoopback"] = "true",
    };

    [Fact]
    public async Task Playground_activity_without_a_token_is_accepted_from_loopback()
    {
        await using var host = await TeamsTestHost.StartAsync(null, LocalSettings);
        var activity = Samples.Activity("message-personal");

        using var response = await InboundRequests.PostAsync(host.Client, activity, authorization: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.IsType<TeamsCommand>(Assert.Single(host.Received));
        Assert.True(host.Services.GetRequiredService<TrustedServiceUrls>().IsTrusted("http://localhost:56150/_connector"));
    }

    [Fact]
    public async Task Without_the_switch_an_unconfigured_bot_refuses_everything()
    {
        await using var host = await TeamsTestHost.StartAsync(null, new() { ["Teams:MicrosoftAppId"] = "", ["Teams:MicrosoftAppPassword"] = "" });

        using var response = await InboundRequests.PostAsync(host.Client, Samples.Activity("message-personal"), authorization: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(host.Received);
    }

    [Fact]
    public async Task Local_mode_refuses_a_serviceUrl_off_this_machine()
    {
        await using var host = await TeamsTestHost.StartAsync(null, LocalSettings);
        var activity = Samples.Activity("message-personal");
        activity["serviceUrl"] = "https://smba.trafficmanager.net/teams/";

        using var response = await InboundRequests.PostAsync(host.Client, activity, authorization: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(host.Received);
    }

    [Theory]
    [InlineData("127.0.0.1", null, BotAuthFailure.None)]
    [InlineData("::1", null, BotAuthFailure.None)]
    [InlineData("10.0.0.8", null, BotAuthFailure.LocalModeNotLoopback)]
    [InlineData("203.0.113.5", null, BotAuthFailure.LocalModeNotLoopback)]
    [InlineData(null, null, BotAuthFailure.LocalModeNotLoopback)]
    [InlineData("127.0.0.1", "Bearer something", BotAuthFailure.NotConfigured)]
    public async Task Local_mode_accepts_only_tokenless_loopback_callers(string? remote, string? authorization, BotAuthFailure expected)
    {
        await using var host = await TeamsTestHost.StartAsync(null, LocalSettings);
        var authenticator = host.Services.GetRequiredService<BotFrameworkAuthenticator>();
        var body = Encoding.UTF8.GetBytes(Samples.Activity("message-personal").ToJsonString());

        var result = await authenticator.AuthenticateAsync(authorization, body, remote is null ? null : IPAddress.Parse(remote), CancellationToken.None);

        Assert.Equal(expected, result.Failure);
        Assert.Equal(expected == BotAuthFailure.None, result.Succeeded && result.IsAnonymous);
    }
}
