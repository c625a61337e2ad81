using System.Net;
using System.Text;
using HireBot.Tests.Fakes;
using HireBot.Tests.Support;
using HireBot.Tests.Teams;

namespace HireBot.Tests.EndToEnd;

/// <summary>A valid connector token from a tenant that is not admitted creates no person, no role and no reply.</summary>
public class TeamsTenantTests : IAsyncLifetime
{
    private FakeEntra _entra = null!;
    private FakeBotConnector _connector = null!;
    private BotApp _bot = null!;

    public async Task InitializeAsync()
    {
        _entra = await FakeEntra.StartAsync();
        _connector = await FakeBotConnector.StartAsync();
        _bot = await BotApp.StartAsync(nameof(TeamsTenantTests), new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = TeamsTestHost.AppId,
            ["MicrosoftAppPassword"] = "test-secret",
            ["Teams:OpenIdMetadataUrl"] = _entra.MetadataUrl,
            ["Teams:AuthorityHost"] = _entra.BaseUrl,
            ["Teams:AllowedTenantIds"] = "11111111-2222-3333-4444-555555555555",
        }, configureServices: Faults.PlatformTraffic.TrustFakeEntra);
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _connector.DisposeAsync();
        await _entra.DisposeAsync();
    }

    [Fact]
    public async Task Activities_from_a_tenant_that_is_not_admitted_are_ignored()
    {
        var activity = InboundRequests.PersonalMessage(_connector.ServiceUrl);
        activity["text"] = "role create evil \"Evil Role\"";
        activity.Remove("entities");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + JwtFactory.Connector(_entra.EndorsedKey, TeamsTestHost.AppId, _connector.ServiceUrl));

        var response = await _bot.Http.SendAsync(request);
        await Task.Delay(500);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode); // acknowledged, so the connector does not retry
        await using var cmd = _bot.Db.CreateCommand("SELECT (SELECT count(*) FROM roles) + (SELECT count(*) FROM people) + (SELECT count(*) FROM outbox)");
        Assert.Equal(0L, (long)(await cmd.ExecuteScalarAsync())!);
        Assert.Empty(_connector.Requests);
    }
}
