using System.Text.Json.Nodes;
using HireBot.Tests.Scorecards;
using HireBot.Tests.Support;
using HireBot.Tests.Teams;

namespace HireBot.Tests.Organisations;

/// <summary>
/// A directory email is only the tenant admin's word. Here a second tenant is mapped into the same
/// organisation (no email domains configured), and its directory gives one of its users a
/// recruiter's address: that user does not become the recruiter. (A tenant of another organisation
/// never could: see <see cref="OrganisationIsolationTests"/>, whose actors carry A's addresses.)
/// </summary>
public class ImpersonationTests : IAsyncLifetime
{
    private const string OtherTenant = "cccccccc-0000-4000-8000-00000000000c";
    private const string Recruiter = "pat@contoso.example"; // the fake connector's directory answers this email for any user

    private ConnectedTeamsBot _teams = null!;
    private BotApp Bot => _teams.Bot;

    public async Task InitializeAsync() => _teams = await ConnectedTeamsBot.StartAsync(nameof(ImpersonationTests), new Dictionary<string, string?>
    {
        ["Orgs:default:TeamsTenantIds"] = string.Join(',', BotApp.DefaultOrgTenants.Append(OtherTenant)),
        ["Teams:AllowedTenantIds"] = TeamsTestHost.AdmittedTenants + "," + OtherTenant, // admitted: the question is who its users are
    });

    public async Task DisposeAsync() => await _teams.DisposeAsync();

    [Fact]
    public async Task A_user_of_another_tenant_whose_directory_email_is_a_recruiters_cannot_act_as_that_recruiter()
    {
        await Bot.NewLoopAsync("imp", new InterviewSpec("screen", ["someone@example.com"]));
        await Bot.SayAsync(ScorecardHarness.Recruiter, $"role add imp recruiter {Recruiter}");

        // The real recruiter, from the organisation's own tenant, sees the candidates.
        var mine = await AskAsync(BotApp.DefaultOrgTenants[0], "29:1-pat", "candidate list imp", "own-1");
        Assert.Contains("Ada imp", mine);

        // Someone in the other tenant whose directory says the same address gets nothing, and is not linked to her.
        var theirs = await AskAsync(OtherTenant, "29:1-impostor", "candidate list imp", "other-1");
        Assert.DoesNotContain("Ada imp", theirs);
        Assert.Contains("could not confirm your work email", theirs);
        Assert.Equal(0L, await Bot.ScalarAsync<long>("SELECT count(*) FROM chat_identities WHERE external_id = '29:1-impostor'"));
    }

    /// <summary>Sends a personal message from a user of a tenant and returns what the bot posted back to that chat.</summary>
    private async Task<string> AskAsync(string tenant, string userId, string text, string id)
    {
        var conversation = $"a:1-personal-{userId}";
        var activity = InboundRequests.PersonalMessage(_teams.Connector.ServiceUrl);
        activity.Remove("entities");
        activity["id"] = id;
        activity["text"] = text;
        activity["from"] = new JsonObject { ["id"] = userId, ["name"] = "Pat" };
        activity["conversation"] = new JsonObject { ["conversationType"] = "personal", ["tenantId"] = tenant, ["id"] = conversation };
        activity["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = tenant } };
        var response = await _teams.PostAsync(activity);
        response.EnsureSuccessStatusCode();
        var deadline = TestClock.UtcNow.AddSeconds(20);
        while (true)
        {
            var sent = _teams.Connector.Requests.Where(r => r.Method == "POST" && Uri.UnescapeDataString(r.RawTarget).Contains(conversation + "/activities")).Select(r => r.Body).ToList();
            if (sent.Count > 0) return string.Join('\n', sent);
            Assert.True(TestClock.UtcNow < deadline, $"No answer to `{text}` from {userId}.");
            await Task.Delay(100);
        }
    }
}
