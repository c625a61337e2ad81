using System.Net;
using System.Text.Json.Nodes;
using HireBot.Outbox;
using HireBot.Tests.Fakes;
using HireBot.Tests.Scorecards;
using HireBot.Tests.Support;
using HireBot.Tests.Teams;
using static HireBot.Tests.Scorecards.ScorecardHarness;

namespace HireBot.Tests.EndToEnd;

/// <summary>
/// Charts and calibration in Teams through the real host and the Bot Connector fake: the app is
/// installed in the hiring team (its General channel is the role's hiring channel), and chart URLs
/// start with PublicUrl, the bot's own loopback address.
/// </summary>
public class TeamsChartTests : IAsyncLifetime
{
    private const string TeamId = "19:charts-team@thread.tacv2";
    private ConnectedTeamsBot _teams = null!;
    private FakeBotConnector _connector => _teams.Connector;
    private BotApp _bot => _teams.Bot;
    private string _publicBase = "";

    private static readonly FakeBotConnector.Member[] Team =
    [
        .. new[] { "rina", "raj", "pat", "quinn" }.Select((name, i) => new FakeBotConnector.Member($"29:1-{name}", name,
            $"00000000-0000-4000-8000-00000000010{i}", $"{name}@contoso.example")),
    ];

    public async Task InitializeAsync()
    {
        var settings = BotApp.PublicChartSettings();
        settings["Scorecards:CalibrationNoteMinScorecards"] = "3";
        _publicBase = settings["PublicUrl"]!;
        _teams = await ConnectedTeamsBot.StartAsync(nameof(TeamsChartTests), settings);
        _connector.InstallInTeam(TeamId, Team);
        var added = Activity("conversationUpdate", TeamId, "channel", Team[0].Id);
        added["membersAdded"] = new JsonArray(new JsonObject { ["id"] = $"28:{TeamsTestHost.AppId}" });
        added["channelData"]!["eventType"] = "teamMemberAdded";
        Assert.Equal(HttpStatusCode.OK, (await _teams.PostAsync(added)).StatusCode);
        await UntilAsync(async () => await _bot.ScalarAsync<long>("SELECT count(*) FROM chat_identities WHERE channel = 'teams' AND service_url IS NOT NULL") >= Team.Length,
            "the team's roster was not stored");
    }

    public async Task DisposeAsync() => await _teams.DisposeAsync();

    private JsonObject Activity(string type, string conversationId, string conversationType, string fromId) => new()
    {
        ["type"] = type, ["id"] = $"act-{Guid.NewGuid():N}", ["channelId"] = "msteams", ["serviceUrl"] = _connector.ServiceUrl,
        ["from"] = new JsonObject { ["id"] = fromId },
        ["recipient"] = new JsonObject { ["id"] = $"28:{TeamsTestHost.AppId}", ["name"] = "HireBot" },
        ["conversation"] = new JsonObject { ["id"] = conversationId, ["conversationType"] = conversationType, ["tenantId"] = FakeBotConnector.Tenant },
        ["channelData"] = conversationType == "channel"
            ? new JsonObject { ["tenant"] = new JsonObject { ["id"] = FakeBotConnector.Tenant }, ["team"] = new JsonObject { ["id"] = TeamId }, ["channel"] = new JsonObject { ["id"] = conversationId } }
            : new JsonObject { ["tenant"] = new JsonObject { ["id"] = FakeBotConnector.Tenant } },
    };

    private static async Task UntilAsync(Func<Task<bool>> done, string what)
    {
        var deadline = TestClock.UtcNow.AddSeconds(20);
        while (!await done())
        {
            Assert.True(TestClock.UtcNow < deadline, what);
            await Task.Delay(100);
        }
    }

    private List<JsonNode> PostsTo(string conversationId) =>
        [.. _connector.Requests.Where(r => r.Method == "POST" && Uri.UnescapeDataString(r.RawTarget).Contains($"/v3/conversations/{conversationId}/activities"))
            .Select(r => JsonNode.Parse(r.Body)!)];

    private static JsonObject? ImageIn(JsonNode activity) =>
        activity["attachments"]?[0]?["content"]?["body"]?.AsArray().FirstOrDefault(e => (string?)e!["type"] == "Image")?.AsObject();

    /// <summary>The image is served at its signed public URL, as Teams fetches it.</summary>
    private async Task AssertFetchableAsync(string url)
    {
        Assert.StartsWith(_publicBase + "/charts/", url);
        Assert.Contains("&sig=", url);
        using var http = new HttpClient();
        using var png = await http.GetAsync(new Uri(url));
        Assert.Equal(HttpStatusCode.OK, png.StatusCode);
        Assert.Equal("image/png", png.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task The_digest_card_in_the_hiring_channel_carries_the_chart_with_the_key_figures_as_alt_text()
    {
        var loop = await _bot.NewLoopAsync("tch", new InterviewSpec("screen", [Team[2].Email]));
        await _bot.ScalarAsync<object>("UPDATE roles SET hiring_channel = $1 WHERE slug = 'tch'", Recipients.Conversation("teams", TeamId));

        Assert.False(IsError(await _bot.ActAsync(Team[2].Email, "scorecard.submit", Filled(loop.Interviews[0], "screen", 3))));

        await UntilAsync(() => Task.FromResult(PostsTo(TeamId).Any(p => ImageIn(p) is not null)), "no digest card with an image in the channel");
        var digest = PostsTo(TeamId).First(p => ImageIn(p) is not null);
        var image = ImageIn(digest)!;
        var alt = (string)image["altText"]!;
        Assert.Contains("Overall 3.0", alt);
        Assert.Contains("Hire bar", alt);
        Assert.DoesNotContain("Ada", alt);
        await AssertFetchableAsync((string)image["url"]!);
        var body = digest["attachments"]![0]!["content"]!["body"]!.AsArray();
        Assert.True(body.IndexOf(image) < body.IndexOf(body.First(e => (string?)e!["type"] == "FactSet")), "the picture is above the figures");
    }

    /// <summary>A screen where pat and quinn rate 2 and raj rates 4, submitting last.</summary>
    private async Task LenientLoopAsync(string role)
    {
        var loop = await _bot.NewLoopAsync(role, new InterviewSpec("screen", [Team[1].Email, Team[2].Email, Team[3].Email]));
        foreach (var (who, rating) in new[] { (Team[2], 2), (Team[3], 2), (Team[1], 4) })
            Assert.False(IsError(await _bot.ActAsync(who.Email, "scorecard.submit", Filled(loop.Interviews[0], "screen", rating, rating > 2 ? "yes" : "no"))));
    }

    [Fact]
    public async Task Calibration_asked_in_teams_answers_with_the_table_and_chart_and_the_private_note_reaches_each_panelist_alone()
    {
        for (var i = 1; i <= 4; i++) await LenientLoopAsync($"tcal{i}");

        // The note after the fourth loop (three past scorecards each), in each panelist's 1:1 chat, naming nobody else.
        var raj = $"a:1-personal-{Team[1].Id}";
        await UntilAsync(() => Task.FromResult(Team.Skip(1).All(m => PostsTo($"a:1-personal-{m.Id}").Any(p => p.ToJsonString().Contains("Your rating calibration")))),
            "not every panelist got a calibration note");
        var note = PostsTo(raj).Single(p => p.ToJsonString().Contains("Your rating calibration")).ToJsonString();
        Assert.Contains("over 3 past scorecards", note);
        Assert.Contains("2.00 above", note);
        Assert.Contains("Only you receive this note", note);
        foreach (var m in Team.Skip(1))
        {
            var theirs = PostsTo($"a:1-personal-{m.Id}").Where(p => p.ToJsonString().Contains("Your rating calibration")).ToList();
            Assert.Single(theirs);
            foreach (var other in Team.Where(o => o != m)) Assert.DoesNotContain(other.Email, theirs[0].ToJsonString());
        }

        // A recruiter of the role, a member of the team, asks in her 1:1 chat.
        foreach (var m in Team.Skip(1).Take(2))
            Assert.False(IsError(await _bot.SayAsync(Recruiter, $"role add tcal4 interviewer {m.Email} pool backend")));
        await _bot.ScalarAsync<object>("UPDATE roles SET recruiters = ARRAY[$1] WHERE slug = 'tcal4'", Team[0].Email);
        var rina = $"a:1-personal-{Team[0].Id}";
        var ask = Activity("message", rina, "personal", Team[0].Id);
        ask["text"] = "calibration tcal4";
        Assert.Equal(HttpStatusCode.OK, (await _teams.PostAsync(ask)).StatusCode);

        await UntilAsync(() => Task.FromResult(PostsTo(rina).Any(p => ImageIn(p) is not null)), "no calibration card");
        var card = PostsTo(rina).First(p => ImageIn(p) is not null);
        var text = card.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        Assert.Contains("Interviewer calibration", text);
        Assert.Matches(@"4 scorecards · leniency \+\d\.\d\d", text);
        Assert.Matches(@"4 scorecards · leniency −\d\.\d\d", text);
        var image = ImageIn(card)!;
        Assert.StartsWith("Interviewer leniency", (string)image["altText"]!);
        await AssertFetchableAsync((string)image["url"]!);
    }
}
