using HireBot.Teams;
using HireBot.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace HireBot.Tests.Teams;

/// <summary>Token authority choices and failures, and local mode's token-free outbound calls.</summary>
public sealed class ConnectorTokenTests
{
    [Fact]
    public async Task Single_tenant_bot_asks_its_own_tenant_for_the_token()
    {
        await using var entra = await FakeEntra.StartAsync();
        await using var host = await TeamsTestHost.StartAsync(entra, new()
        {
            ["Teams:MicrosoftAppType"] = "SingleTenant",
            ["Teams:MicrosoftAppTenantId"] = TeamsTestHost.TenantId,
        });

        var token = await host.Services.GetRequiredService<ConnectorTokenProvider>().GetTokenAsync(CancellationToken.None);

        Assert.Equal(entra.IssuedAccessToken, token);
        Assert.Equal(TeamsTestHost.TenantId, Assert.Single(entra.TokenRequests).Tenant);
    }

    [Fact]
    public async Task Refused_client_credentials_are_a_final_failure_and_nothing_is_sent()
    {
        await using var entra = await FakeEntra.StartAsync();
        await using var connector = await FakeBotConnector.StartAsync();
        await using var host = await TeamsTestHost.StartAsync(entra);
        host.Services.GetRequiredService<TrustedServiceUrls>().Trust(connector.ServiceUrl);
        entra.RefuseClientCredentials = true;

        var result = await host.Services.GetRequiredService<BotConnectorClient>()
            .SendToConversationAsync(connector.ServiceUrl, "a:1", Activity.TextMessage("hi"), CancellationToken.None);

        Assert.Equal(ConnectorOutcome.Final, result.Outcome);
        Assert.Equal("TokenUnavailable", result.ErrorCode);
        Assert.Empty(connector.Requests);
    }

    [Fact]
    public async Task Local_mode_replies_to_the_loopback_tool_without_a_token()
    {
        await using var connector = await FakeBotConnector.StartAsync();
        await using var host = await TeamsTestHost.StartAsync(null, new()
        {
            ["Teams:MicrosoftAppId"] = "",
            ["Teams:MicrosoftAppPassword"] = "",
            ["Teams:DangerouslyAllowUnauthenticatedLoopback"] = "true",
        });
        var activity = Samples.Activity("message-personal");
        activity["serviceUrl"] = connector.ServiceUrl;
        using (var inbound = await InboundRequests.PostAsync(host.Client, activity, authorization: null))
            Assert.Equal(System.Net.HttpStatusCode.OK, inbound.StatusCode);

        var reference = Assert.Single(host.Received).Reference;
        var result = await host.Services.GetRequiredService<BotConnectorClient>()
            .ReplyToActivityAsync(reference.ServiceUrl, reference.ConversationId, "a1ae9a6a-79dd-4c1f-9534-de62f1a608c3", Activity.TextMessage("hello back"), CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.Equal("", Assert.Single(connector.Requests).Authorization);
    }
}
