using System.Net;
using System.Text.Json.Nodes;
using HireBot.Outbox;
using HireBot.Tests.Fakes;
using HireBot.Tests.Fakes.Slack;
using HireBot.Tests.Scorecards;
using HireBot.Tests.Support;
using SkiaSharp;
using static HireBot.Tests.Scorecards.ScorecardHarness;

namespace HireBot.Tests.EndToEnd;

/// <summary>
/// Charts on Slack through the real host: the bot names its loopback address as PublicUrl,
/// and FakeSlack downloads every image block's image_url when a message is posted, refusing the message
/// (invalid_blocks, "downloading image failed") as Slack does when it cannot.
/// </summary>
public class SlackChartTests : IAsyncLifetime
{
    private const string Hiring = "C0CHARTS";
    private FakeSlack _slack = null!;
    private BotApp _bot = null!;
    private string _publicBase = "";

    public async Task InitializeAsync()
    {
        _slack = await FakeSlack.StartAsync();
        foreach (var name in new[] { "rita", "pete", "raj", "pat", "quinn" })
            _slack.AddUser(new FakeSlackUser($"U0{name.ToUpperInvariant()}", $"{name}@example.com", name, "Europe/Berlin"));
        _slack.AddChannel(new FakeSlackChannel(Hiring, "hiring-charts", BotIsMember: true));
        var settings = _slack.BotSettings();
        foreach (var (k, v) in BotApp.PublicChartSettings()) settings[k] = v;
        settings["Scorecards:CalibrationNoteMinScorecards"] = "3";
        _publicBase = settings["PublicUrl"]!;
        _bot = await BotApp.StartAsync(nameof(SlackChartTests), settings);
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _slack.DisposeAsync();
    }

    private static async Task<T> EventuallyAsync<T>(Func<T?> probe, string what) where T : class
    {
        var deadline = TestClock.UtcNow.AddSeconds(20);
        while (true)
        {
            if (probe() is { } found) return found;
            Assert.True(TestClock.UtcNow < deadline, what);
            await Task.Delay(100);
        }
    }

    private static JsonObject? ImageBlock(JsonNode? message) =>
        message?["blocks"]?.AsArray().FirstOrDefault(b => (string?)b!["type"] == "image")?.AsObject();

    private static async Task UntilAsync(Func<Task<bool>> done, string what)
    {
        var deadline = TestClock.UtcNow.AddSeconds(20);
        while (!await done())
        {
            Assert.True(TestClock.UtcNow < deadline, what);
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task The_digest_posted_to_the_hiring_channel_carries_the_chart_that_slack_downloaded()
    {
        var loop = await _bot.NewLoopAsync("slc", new InterviewSpec("screen", ["pete@example.com"]));
        await _bot.ScalarAsync<object>("UPDATE roles SET hiring_channel = $1 WHERE slug = 'slc'", Recipients.Conversation("slack", $"{FakeSlack.TeamId}/{Hiring}"));

        Assert.False(IsError(await _bot.ActAsync("pete@example.com", "scorecard.submit", Filled(loop.Interviews[0], "screen", 3))));

        var post = await EventuallyAsync(() => _slack.CallsTo("chat.postMessage")
            .FirstOrDefault(c => c.Json.GetProperty("channel").GetString() == Hiring && ImageBlock(JsonNode.Parse(c.Body)) is not null), "no digest with an image in the channel");
        var image = ImageBlock(JsonNode.Parse(post.Body))!;
        var url = (string)image["image_url"]!;
        Assert.StartsWith(_publicBase + "/charts/", url);
        var alt = (string)image["alt_text"]!;
        Assert.Contains("Overall 3.0", alt);
        Assert.Contains("Hire bar", alt);
        Assert.DoesNotContain("Ada", alt);
        // Slack downloaded the PNG when the message was posted, and the post was accepted.
        // (The fake records the call as it arrives and downloads the image while answering it.)
        var fetch = await EventuallyAsync(() => _slack.ImageFetches.FirstOrDefault(f => f.Url == url), "Slack never downloaded the chart");
        Assert.Single(_slack.ImageFetches, f => f.Url == url);
        Assert.True(fetch.Succeeded, $"{fetch.Status} {fetch.ContentType}");
        using var bitmap = SKBitmap.Decode(fetch.Bytes);
        Assert.Equal(1280, bitmap.Width);
        var text = post.Body;
        Assert.Contains("Overall", text); // the text stays beside the picture
        await UntilAsync(async () => await _bot.ScalarAsync<long>("SELECT count(*) FROM outbox WHERE recipient = $1 AND status = 'sent'",
            Recipients.Conversation("slack", $"{FakeSlack.TeamId}/{Hiring}")) > 0, "the digest was not marked sent");
    }

    [Fact]
    public async Task Like_slack_the_fake_refuses_a_message_whose_image_it_cannot_download()
    {
        using var http = new HttpClient();
        async Task<JsonNode> PostAsync(string imageUrl)
        {
            var body = new JsonObject
            {
                ["channel"] = Hiring, ["text"] = "chart",
                ["blocks"] = new JsonArray(
                    new JsonObject { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = "Before" } },
                    new JsonObject { ["type"] = "image", ["image_url"] = imageUrl, ["alt_text"] = "A chart" }),
            };
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_slack.ApiBaseUrl + "chat.postMessage"))
            {
                Content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new("Bearer", FakeSlack.BotToken);
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode); // Slack answers errors with 200 and ok:false
            return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        }

        // A chart URL the bot does not serve (404), and a page that is not an image.
        foreach (var url in new[] { _publicBase + "/charts/nosuchchart.png?exp=1&sig=x", _publicBase + "/healthz" })
        {
            var refused = await PostAsync(url);
            Assert.False((bool)refused["ok"]!);
            Assert.Equal("invalid_blocks", (string)refused["error"]!);
            Assert.Equal("downloading image failed [json-pointer:/blocks/1/image_url]", (string)refused["errors"]![0]!);
            Assert.Equal("[ERROR] downloading image failed [json-pointer:/blocks/1/image_url]", (string)refused["response_metadata"]!["messages"]![0]!);
        }
        Assert.All(_slack.ImageFetches, f => Assert.False(f.Succeeded));

        // A chart the bot serves is downloaded and the message accepted.
        var loop = await _bot.NewLoopAsync("slf", new InterviewSpec("screen", ["pete@example.com"]));
        Assert.False(IsError(await _bot.ActAsync("pete@example.com", "scorecard.submit", Filled(loop.Interviews[0], "screen", 3))));
        var chart = (string)(await _bot.SayAsync(Recruiter, $"summary {loop.Candidate}"))["data"]!["chart"]!["url"]!;
        Assert.True((bool)(await PostAsync(chart))["ok"]!);
        Assert.True(_slack.ImageFetches.Last().Succeeded);
    }

    /// <summary>A loop of one screen where pat and quinn rate 2 and raj rates 4, submitting last.</summary>
    private async Task LenientLoopAsync(string role)
    {
        var loop = await _bot.NewLoopAsync(role, new InterviewSpec("screen", ["raj@example.com", "pat@example.com", "quinn@example.com"]));
        foreach (var (who, rating) in new[] { ("pat", 2), ("quinn", 2), ("raj", 4) })
            Assert.False(IsError(await _bot.ActAsync($"{who}@example.com", "scorecard.submit", Filled(loop.Interviews[0], "screen", rating, rating > 2 ? "yes" : "no"))));
    }

    [Fact]
    public async Task Calibration_as_a_slash_command_answers_with_its_table_and_chart_and_the_private_note_reaches_the_panelists_dm()
    {
        for (var i = 1; i <= 4; i++) await LenientLoopAsync($"scal{i}");
        foreach (var who in new[] { "raj", "pat" })
            Assert.False(IsError(await _bot.SayAsync(Recruiter, $"role add scal4 interviewer {who}@example.com pool backend")));

        // The note: after raj's fourth scorecard (three past ones), in raj's DM only, without the peers' ratings.
        var note = await EventuallyAsync(() => _slack.CallsTo("chat.postMessage")
            .FirstOrDefault(c => c.Json.GetProperty("channel").GetString() == "DU0RAJ" && c.Body.Contains("Your rating calibration")), "no calibration note in raj's DM");
        Assert.Contains("over 3 past scorecards", note.Body);
        Assert.Contains("Only you receive this note", note.Body);
        foreach (var secret in new[] { "pat", "quinn", "Ada", "cand-", "rated 2" }) Assert.DoesNotContain(secret, note.Body);
        Assert.Contains("2.00 above", note.Body);
        // Each panelist past the minimum gets their own note in their own DM, and none names another.
        await UntilAsync(() => Task.FromResult(_slack.CallsTo("chat.postMessage").Count(c => c.Body.Contains("Your rating calibration")) >= 3), "not every panelist got a note");
        var notes = _slack.CallsTo("chat.postMessage").Where(c => c.Body.Contains("Your rating calibration")).ToList();
        Assert.Equal(["DU0PAT", "DU0QUINN", "DU0RAJ"], notes.Select(c => c.Json.GetProperty("channel").GetString()).Order());
        Assert.All(notes, n => Assert.DoesNotContain("@example.com", n.Body));
        Assert.Contains("1.00 below", Assert.Single(notes, n => n.Json.GetProperty("channel").GetString() == "DU0PAT").Body);

        // The table, asked as /hire calibration scal4 in a channel.
        var response = await _bot.Http.SendAsync(SlackSigner.Command("calibration scal4", FakeSlack.TeamId, "U0RITA", "C0HIRING", _slack.ResponseUrl("cal"), "t-cal", TestClock.Now));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        var ack = body.Length == 0 ? null : JsonNode.Parse(body);
        // The answer is the acknowledgement itself, or (for an answer that comes later) the response_url post.
        var answer = ack?["blocks"] is not null ? ack
            : JsonNode.Parse((await EventuallyAsync(() => _slack.Calls.FirstOrDefault(c => c.Path.EndsWith("hooks/cal", StringComparison.Ordinal) && c.Body.Contains("blocks")), "no calibration answer")).Body)!;
        var text = answer.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        Assert.Contains("raj", text);
        Assert.Matches(@"4 scorecards · leniency \+\d\.\d\d", text);
        var image = ImageBlock(answer);
        Assert.NotNull(image);
        Assert.StartsWith("Interviewer leniency", (string)image!["alt_text"]!);
        var url = (string)image["image_url"]!;
        Assert.StartsWith(_publicBase + "/charts/", url);
        using var http = new HttpClient();
        using var png = await http.GetAsync(new Uri(url)); // from the public address, as Slack fetches it
        Assert.Equal(HttpStatusCode.OK, png.StatusCode);
        Assert.Equal("image/png", png.Content.Headers.ContentType!.MediaType);
    }
}
