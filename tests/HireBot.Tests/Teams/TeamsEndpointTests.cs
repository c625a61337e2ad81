using System.Net;
using System.Text.Json;
using HireBot.Teams;
using HireBot.Tests.Fakes;

namespace HireBot.Tests.Teams;

/// <summary>What the endpoint answers once a request is verified.</summary>
public sealed class TeamsEndpointTests(TeamsAuthFixture fixture) : IClassFixture<TeamsAuthFixture>
{
    [Fact]
    public async Task Action_execute_invoke_is_answered_with_the_invoke_response_card()
    {
        var activity = Samples.Activity("invoke-adaptiveCard-action");
        activity["serviceUrl"] = InboundRequests.TeamsServiceUrl;
        var token = JwtFactory.Connector(fixture.Entra.EndorsedKey, TeamsTestHost.AppId, InboundRequests.TeamsServiceUrl);

        using var response = await InboundRequests.PostAsync(fixture.Host.Client, activity, $"Bearer {token}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(200, body.GetProperty("statusCode").GetInt32());
        Assert.Equal("application/vnd.microsoft.card.adaptive", body.GetProperty("type").GetString());
        Assert.Equal("AdaptiveCard", body.GetProperty("value").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Unknown_invoke_gets_501()
    {
        var activity = Samples.Activity("invoke-adaptiveCard-action");
        activity["serviceUrl"] = InboundRequests.TeamsServiceUrl;
        activity["name"] = "composeExtension/query";
        var token = JwtFactory.Connector(fixture.Entra.EndorsedKey, TeamsTestHost.AppId, InboundRequests.TeamsServiceUrl);

        using var response = await InboundRequests.PostAsync(fixture.Host.Client, activity, $"Bearer {token}");

        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
    }

    [Fact]
    public void Error_invoke_response_has_the_error_shape()
    {
        var json = JsonSerializer.SerializeToElement(TeamsInvokeResponse.Error("BadRequest", "Pick a score for each competency").Body, TeamsJson.Options);

        Assert.Equal(400, json.GetProperty("statusCode").GetInt32());
        Assert.Equal("application/vnd.microsoft.error", json.GetProperty("type").GetString());
        Assert.Equal("BadRequest", json.GetProperty("value").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Oversized_body_is_refused_before_authentication()
    {
        var huge = new string('x', 600 * 1024);

        using var response = await InboundRequests.PostRawAsync(fixture.Host.Client, huge, authorization: null);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }
}
