using System.Net;
using System.Text.Json.Nodes;
using HireBot.Charts;
using HireBot.Tests.Scorecards;
using HireBot.Tests.Support;
using SkiaSharp;
using static HireBot.Tests.Scorecards.ScorecardHarness;

namespace HireBot.Tests.Charts;

/// <summary><c>GET /charts/{id}.png</c> through the real host and database: signature, expiry, erasure, and the cards that carry the URL.</summary>
public class ChartServingTests : IAsyncLifetime
{
    private const string Pat = "pat@example.com";
    private BotApp _bot = null!;

    public async Task InitializeAsync() => _bot = await BotApp.StartAsync(nameof(ChartServingTests));

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private async Task<(TestLoop Loop, JsonObject Chart)> SummaryAsync(string role)
    {
        var loop = await _bot.NewLoopAsync(role, new InterviewSpec("screen", [Pat]));
        Assert.False(IsError(await _bot.ActAsync(Pat, "scorecard.submit", Filled(loop.Interviews[0], "screen", 3))));
        var reply = await _bot.SayAsync(Recruiter, $"summary {loop.Candidate}");
        Assert.False(IsError(reply), Text(reply));
        return (loop, reply["data"]!["chart"]!.AsObject());
    }

    private async Task<HttpResponseMessage> GetAsync(string url) => await _bot.Http.GetAsync(new Uri(url).PathAndQuery);

    [Fact]
    public async Task Summary_carries_a_signed_chart_url_that_serves_the_png()
    {
        var (loop, chart) = await SummaryAsync("chs");
        var url = (string)chart["url"]!;
        Assert.StartsWith(_bot.BaseAddress.AbsoluteUri.TrimEnd('/') + "/charts/", url);
        Assert.Contains("?exp=", url);
        Assert.Contains("&sig=", url);
        // Key figures for screen readers; no candidate in the picture's words.
        var alt = (string)chart["altText"]!;
        Assert.Contains("Overall 3.0", alt);
        Assert.DoesNotContain("Ada", alt);
        Assert.DoesNotContain(loop.Candidate, alt);

        using var response = await GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
        Assert.True(response.Headers.CacheControl!.Private);
        using var bitmap = SKBitmap.Decode(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(1280, bitmap.Width);
        var id = new Uri(url).AbsolutePath["/charts/".Length..^".png".Length];
        Assert.Equal(1L, await _bot.ScalarAsync<long>("SELECT count(*) FROM charts WHERE id = $1 AND loop_id = $2 AND kind = 'digest'", id, loop.LoopId));
    }

    [Fact]
    public async Task A_bad_or_expired_signature_gets_404()
    {
        var (_, chart) = await SummaryAsync("chx");
        var url = new Uri((string)chart["url"]!);
        var id = url.AbsolutePath["/charts/".Length..^".png".Length];
        var query = System.Web.HttpUtility.ParseQueryString(url.Query);
        var (exp, sig) = (query["exp"]!, query["sig"]!);
        using (var ok = await GetAsync(url.AbsoluteUri)) Assert.Equal(HttpStatusCode.OK, ok.StatusCode); // so the refusals below can fail

        var urls = _bot.Services.GetRequiredService<ChartUrls>();
        var other = ChartUrls.NewId();
        string[] refused =
        [
            $"/charts/{id}.png?exp={exp}&sig={sig[..^2]}AA",                       // signature altered
            $"/charts/{id}.png?exp={long.Parse(exp, System.Globalization.CultureInfo.InvariantCulture) + 86400}&sig={sig}",            // expiry extended
            $"/charts/{id}.png?exp={exp}",                                         // no signature
            $"/charts/{other}.png?exp={exp}&sig={sig}",                            // another id
            new Uri(urls.UrlFor(id, _bot.Clock.GetUtcNow().AddMinutes(-1))).PathAndQuery, // properly signed, expired
            new Uri(urls.UrlFor(other, _bot.Clock.GetUtcNow().AddDays(1))).PathAndQuery,  // properly signed, no such chart
        ];
        foreach (var path in refused)
        {
            using var response = await _bot.Http.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path}: {response.StatusCode}");
        }
    }

    [Fact]
    public async Task Forgetting_the_candidate_erases_their_charts_and_their_urls_get_404()
    {
        var (loop, chart) = await SummaryAsync("chf");
        var url = (string)chart["url"]!;
        using (var before = await GetAsync(url)) Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        Assert.False(IsError(await _bot.SayAsync(Recruiter, $"candidate forget {loop.Candidate}")));

        Assert.Equal(0L, await _bot.ScalarAsync<long>("SELECT count(*) FROM charts WHERE loop_id = $1", loop.LoopId));
        using var after = await GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
    }

    [Fact]
    public async Task The_posted_digest_shows_the_chart_above_its_text_on_the_local_channel()
    {
        var loop = await _bot.NewLoopAsync("chd", new InterviewSpec("screen", [Pat]));
        Assert.False(IsError(await _bot.ActAsync(Pat, "scorecard.submit", Filled(loop.Interviews[0], "screen", 3))));

        var digest = Assert.Single(await _bot.WaitForLocalAsync(m => (string?)m["kind"] == "digest" && (string?)m["recipient"] == "conversation:local:hiring-chd"));
        var body = JsonNode.Parse(digest["card"] is JsonValue v ? v.GetValue<string>() : digest["card"]!.ToJsonString())!["body"]!.AsArray();
        var image = body.Single(e => (string?)e!["type"] == "Image")!;
        Assert.True(body.IndexOf(image) < body.IndexOf(body.First(e => (string?)e!["type"] == "FactSet")), "the picture is above the figures");
        Assert.Contains("Hire bar", (string)image["altText"]!);
        using var png = await GetAsync((string)image["url"]!);
        Assert.Equal(HttpStatusCode.OK, png.StatusCode);
    }

    [Fact]
    public async Task Calibration_shows_a_leniency_chart()
    {
        await SummaryAsync("chc");
        await _bot.SayAsync(Recruiter, $"role add chc interviewer {Pat} pool backend");
        var reply = await _bot.SayAsync(Recruiter, "calibration chc");
        Assert.False(IsError(reply), Text(reply));
        var image = reply["data"]!["image"]!;
        Assert.StartsWith("Interviewer leniency", (string)image["altText"]!);
        using var png = await GetAsync((string)image["url"]!);
        Assert.Equal(HttpStatusCode.OK, png.StatusCode);
        Assert.Equal(1L, await _bot.ScalarAsync<long>("SELECT count(*) FROM charts WHERE kind = 'calibration' AND loop_id IS NULL"));
    }
}
