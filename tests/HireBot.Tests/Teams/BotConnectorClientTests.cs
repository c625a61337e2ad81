using System.Text.Json;
using HireBot.Teams;
using Microsoft.Extensions.DependencyInjection;

namespace HireBot.Tests.Teams;

/// <summary>Outbound calls against the fake connector, with a real MSAL client-credentials token from the fake Entra.</summary>
public sealed class BotConnectorClientTests(ConnectorFixture fixture) : IClassFixture<ConnectorFixture>
{
    private const string ChannelThread = "19:abc123@thread.tacv2;messageid=1795388534568";

    [Fact]
    public async Task Token_is_acquired_once_with_client_credentials_and_reused()
    {
        for (var i = 0; i < 3; i++)
        {
            var result = await fixture.Client.SendToConversationAsync(fixture.Connector.ServiceUrl, "a:personal-1", Activity.TextMessage("hi"), CancellationToken.None);
            Assert.True(result.Succeeded);
        }

        var tokenRequest = Assert.Single(fixture.Entra.TokenRequests);
        Assert.Equal("botframework.com", tokenRequest.Tenant);
        Assert.Equal("client_credentials", tokenRequest.Form["grant_type"]);
        Assert.Equal(TeamsTestHost.AppId, tokenRequest.Form["client_id"]);
        Assert.Equal("https://api.botframework.com/.default", tokenRequest.Form["scope"]);
        Assert.All(fixture.Connector.Requests.Take(3), r => Assert.Equal($"Bearer {fixture.Entra.IssuedAccessToken}", r.Authorization));
    }

    [Fact]
    public async Task Token_is_never_sent_to_an_untrusted_serviceUrl()
    {
        var before = fixture.Connector.Requests.Count;
        var untrusted = fixture.Connector.ServiceUrl.Replace("/teams/", "/elsewhere/", StringComparison.Ordinal);

        var result = await fixture.Client.SendToConversationAsync(untrusted, "a:personal-1", Activity.TextMessage("hi"), CancellationToken.None);

        Assert.Equal(ConnectorOutcome.Final, result.Outcome);
        Assert.Equal("UntrustedServiceUrl", result.ErrorCode);
        Assert.Equal(before, fixture.Connector.Requests.Count);
    }

    [Theory]
    [InlineData(429, 7, null, ConnectorOutcome.Retryable)]
    [InlineData(503, null, null, ConnectorOutcome.Retryable)]
    [InlineData(412, null, null, ConnectorOutcome.Retryable)]
    [InlineData(502, 2, null, ConnectorOutcome.Retryable)]
    [InlineData(403, null, "MessageWritesBlocked", ConnectorOutcome.Final)]
    [InlineData(413, null, "MessageSizeTooBig", ConnectorOutcome.Final)]
    [InlineData(404, null, "ConversationNotFound", ConnectorOutcome.Final)]
    public async Task Failures_are_classified_with_retry_after_and_error_code(int status, int? retryAfterSeconds, string? code, ConnectorOutcome expected)
    {
        var retryAfter = retryAfterSeconds is { } s ? TimeSpan.FromSeconds(s) : (TimeSpan?)null;
        fixture.Connector.FailNext(status, retryAfter, code);

        var result = await fixture.Client.SendToConversationAsync(fixture.Connector.ServiceUrl, $"a:fail-{status}", Activity.TextMessage("hi"), CancellationToken.None);

        Assert.Equal(expected, result.Outcome);
        Assert.Equal(status, result.StatusCode);
        Assert.Equal(retryAfter, result.RetryAfter);
        Assert.Equal(code ?? "ServiceError", result.ErrorCode);
    }

    [Fact]
    public async Task Create_personal_conversation_sends_one_member_the_tenant_and_the_bot()
    {
        var result = await fixture.Client.CreatePersonalConversationAsync(
            fixture.Connector.ServiceUrl, "29:1-panelist", TeamsTestHost.TenantId, CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.Equal("a:1-fake-personal-conversation", result.Value!.Id);
        var request = fixture.Connector.Requests.Last(r => r.RawTarget == "/teams/v3/conversations");
        Assert.Equal("POST", request.Method);
        var body = JsonDocument.Parse(request.Body).RootElement;
        Assert.False(body.GetProperty("isGroup").GetBoolean());
        Assert.Equal("29:1-panelist", Assert.Single(body.GetProperty("members").EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(TeamsTestHost.TenantId, body.GetProperty("tenantId").GetString());
        Assert.Equal($"28:{TeamsTestHost.AppId}", body.GetProperty("bot").GetProperty("id").GetString());
        Assert.Equal(TeamsTestHost.TenantId, body.GetProperty("channelData").GetProperty("tenant").GetProperty("id").GetString());
    }

    [Fact]
    public async Task Conversation_ids_are_escaped_as_one_path_segment()
    {
        var result = await fixture.Client.ReplyToActivityAsync(
            fixture.Connector.ServiceUrl, ChannelThread, "1795388534568", Activity.TextMessage("reply"), CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.Contains(fixture.Connector.Requests, r =>
            r.RawTarget == "/teams/v3/conversations/19%3Aabc123%40thread.tacv2%3Bmessageid%3D1795388534568/activities/1795388534568");
    }

    [Fact]
    public async Task Update_replaces_the_card_with_a_put_on_the_activity()
    {
        var card = new { type = "AdaptiveCard", version = "1.5", body = Array.Empty<object>() };

        var result = await fixture.Client.UpdateActivityAsync(fixture.Connector.ServiceUrl, "a:personal-1", "card-msg-1", Activity.CardMessage(card), CancellationToken.None);

        Assert.True(result.Succeeded);
        var request = fixture.Connector.Requests.Last(r => r.Method == "PUT");
        Assert.Equal("/teams/v3/conversations/a%3Apersonal-1/activities/card-msg-1", request.RawTarget);
        var attachment = JsonDocument.Parse(request.Body).RootElement.GetProperty("attachments")[0];
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment.GetProperty("contentType").GetString());
        Assert.Equal("1.5", attachment.GetProperty("content").GetProperty("version").GetString());
    }

    [Fact]
    public async Task Get_member_returns_email_and_entra_object_id()
    {
        var result = await fixture.Client.GetMemberAsync(fixture.Connector.ServiceUrl, "a:personal-1", "29:1-panelist", CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.Equal("pat@contoso.example", result.Value!.Email);
        Assert.Equal("6b1f8c9e-2f4a-4c1e-9d52-6f0a7b3c1d11", result.Value.AadObjectId);
        Assert.Contains(fixture.Connector.Requests, r => r.Method == "GET" && r.RawTarget == "/teams/v3/conversations/a%3Apersonal-1/members/29%3A1-panelist");
    }

    [Fact]
    public async Task ServiceUrl_learned_from_a_verified_activity_becomes_trusted()
    {
        var learned = fixture.Connector.ServiceUrl.Replace("/teams/", "/teams/learned/", StringComparison.Ordinal);
        var trusted = fixture.Host.Services.GetRequiredService<TrustedServiceUrls>();
        Assert.False(trusted.IsTrusted(learned));
        var activity = InboundRequests.PersonalMessage(learned);
        var token = Fakes.JwtFactory.Connector(fixture.Entra.EndorsedKey, TeamsTestHost.AppId, learned);

        using var response = await InboundRequests.PostAsync(fixture.Host.Client, activity, $"Bearer {token}");

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.True(trusted.IsTrusted(learned));
    }
}
