using System.Text.Json.Nodes;
using HireBot.Tests.Support;
using static HireBot.Tests.Scorecards.ScorecardHarness;

namespace HireBot.Tests.Scorecards;

/// <summary>
/// Issue 15 item 2 through the bot: the digest's variance priors come from the organisation's
/// history once it has enough scorecards that shared a competency with a peer (here 9, so three
/// past screens of three panelists suffice), from the defaults before; the digest says which.
/// Its own bot and database: history is the organisation's.
/// </summary>
public class VariancePriorDigestTests : IAsyncLifetime
{
    private BotApp _bot = null!;

    public async Task InitializeAsync() => _bot = await BotApp.StartAsync(nameof(VariancePriorDigestTests),
        new Dictionary<string, string?> { ["Decisions:HistoryPriorMinScorecards"] = "9" });
    public async Task DisposeAsync() => await _bot.DisposeAsync();

    /// <summary>One screen rated by three panelists who disagree a little.</summary>
    private async Task<TestLoop> ScreenAsync(string role, int a, int b, int c)
    {
        var loop = await _bot.NewLoopAsync(role, new InterviewSpec("screen", ["ann@example.com", "ben@example.com", "cal@example.com"]));
        await _bot.ActAsync("ann@example.com", "scorecard.submit", Filled(loop.Interviews[0], "screen", a));
        await _bot.ActAsync("ben@example.com", "scorecard.submit", Filled(loop.Interviews[0], "screen", b));
        await _bot.ActAsync("cal@example.com", "scorecard.submit", Filled(loop.Interviews[0], "screen", c));
        return loop;
    }

    private async Task<JsonObject> SummaryAsync(TestLoop loop)
    {
        var reply = await _bot.SayAsync(Recruiter, $"summary {loop.Candidate}");
        Assert.Equal("digest", reply["kind"]!.GetValue<string>());
        return reply["data"]!.AsObject();
    }

    [Fact]
    public async Task The_digest_uses_history_priors_once_there_is_enough_history_and_says_so()
    {
        await ScreenAsync("vp1", 2, 3, 3);
        await ScreenAsync("vp2", 3, 3, 4);
        var third = await ScreenAsync("vp3", 2, 2, 3);

        // Six past scorecards (the loop itself never counts): the defaults.
        var before = await SummaryAsync(third);
        Assert.Equal("Default variance priors (too little history yet)", before["priors"]!.GetValue<string>());

        var fourth = await ScreenAsync("vp4", 3, 4, 4);
        var after = await SummaryAsync(fourth);
        Assert.Equal("Variance priors from 9 past scorecards of this organisation", after["priors"]!.GetValue<string>());
        // The same panel under history priors differs from the defaults' interval (σ̂² from these
        // screens is not the default 0.36): the priors reach the aggregator, not only the line.
        var again = await SummaryAsync(third);
        Assert.Equal("Variance priors from 9 past scorecards of this organisation", again["priors"]!.GetValue<string>());
        Assert.Equal(before["score"]!.GetValue<string>(), again["score"]!.GetValue<string>());
        Assert.NotEqual(before["interval"]!.GetValue<string>(), again["interval"]!.GetValue<string>());
    }
}
