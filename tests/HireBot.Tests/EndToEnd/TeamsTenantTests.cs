using System.Net;
using HireBot.Tests.Support;
using HireBot.Tests.Teams;

namespace HireBot.Tests.EndToEnd;

/// <summary>A valid connector token from a tenant that is not admitted creates no person, no role and no reply.</summary>
public class TeamsTenantTests : IAsyncLifetime
{
    private ConnectedTeamsBot _teams = null!;

    public async Task InitializeAsync() => _teams = await ConnectedTeamsBot.StartAsync(nameof(TeamsTenantTests),
        new Dictionary<string, string?> { ["Teams:AllowedTenantIds"] = "11111111-2222-3333-4444-555555555555" });

    public async Task DisposeAsync() => await _teams.DisposeAsync();

    [Fact]
    public async Task Activities_from_a_tenant_that_is_not_admitted_are_ignored()
    {
        var activity = InboundRequests.PersonalMessage(_teams.Connector.ServiceUrl);
        activity["text"] = "role create evil \"Evil Role\"";
        activity.Remove("entities");

        var response = await _teams.PostAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode); // acknowledged, so the connector does not retry
        // Refused before the inbox: with no inbox row, nothing can act on it later.
        await using var cmd = _teams.Bot.Db.CreateCommand(
            "SELECT (SELECT count(*) FROM roles) + (SELECT count(*) FROM people) + (SELECT count(*) FROM outbox) + (SELECT count(*) FROM inbox)");
        Assert.Equal(0L, (long)(await cmd.ExecuteScalarAsync())!);
        Assert.Empty(_teams.Connector.Requests);
    }
}
