using System.Net;
using System.Text.Json.Nodes;
using HireBot.Tests.Fakes;
using HireBot.Tests.Fakes.Slack;
using HireBot.Tests.Support;

namespace HireBot.Tests.EndToEnd;

/// <summary>With an allow-list, a correctly signed request from another workspace is answered and changes nothing.</summary>
public class SlackWorkspaceTests : IAsyncLifetime
{
    private FakeSlack _slack = null!;
    private BotApp _bot = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlack.StartAsync();
        _slack.AddUser(new FakeSlackUser("U0RITA", "rita@example.com", "Rita", "UTC"));
        _bot = await BotApp.StartAsync(nameof(SlackWorkspaceTests), new Dictionary<string, string?>
        {
            ["SLACK_SIGNING_SECRET"] = SlackSigner.Secret, ["SLACK_BOT_TOKEN"] = FakeSlack.BotToken,
            ["SLACK_API_BASE_URL"] = _slack.ApiBaseUrl, ["SLACK_ALLOWED_TEAM_IDS"] = "T0OURS",
        });
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _slack.DisposeAsync();
    }

    [Fact]
    public async Task A_command_from_a_workspace_that_is_not_admitted_is_refused_before_anyone_is_looked_up()
    {
        var response = await _bot.Http.SendAsync(SlackSigner.Form("/slack/commands",
            $"command=%2Fhire&text=role+create+evil+Evil&team_id={FakeSlack.TeamId}&user_id=U0RITA&channel_id=C1&response_url={Uri.EscapeDataString(_slack.ResponseUrl("w1"))}&trigger_id=t1", TestClock.Now));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("not set up to use HireBot", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["text"]!.GetValue<string>());
        Assert.Empty(_slack.CallsTo("users.info"));
        await using var cmd = _bot.Db.CreateCommand("SELECT count(*) FROM roles");
        Assert.Equal(0L, (long)(await cmd.ExecuteScalarAsync())!);
    }
}
