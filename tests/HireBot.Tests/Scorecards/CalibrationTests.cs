using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HireBot.Cards;
using HireBot.Core.Decisions;
using HireBot.Decisions;
using HireBot.Organisations;
using Microsoft.Extensions.Options;
using HireBot.Tests.Cards;
using HireBot.Tests.Support;
using static HireBot.Tests.Scorecards.ScorecardHarness;

namespace HireBot.Tests.Scorecards;

/// <summary>
/// Issue 15 items 2 and 3 through the bot: an interviewer's history adjusts the digest, the private
/// calibration note after a scorecard, and <c>calibration &lt;role&gt;</c> (local channel, rendered for Teams and Slack).
/// Each test uses its own interviewers: history is the organisation's, shared by the tests of this class.
/// </summary>
public class CalibrationTests : IAsyncLifetime
{
    private BotApp _bot = null!;

    public async Task InitializeAsync() => _bot = await BotApp.StartAsync(nameof(CalibrationTests),
        new Dictionary<string, string?> { ["Scorecards:CalibrationNoteMinScorecards"] = "3" });
    public async Task DisposeAsync() => await _bot.DisposeAsync();

    /// <summary>A loop of one screen where two peers rate 2 and <paramref name="lenient"/> rates 4, submitting last.</summary>
    private async Task<TestLoop> LenientLoopAsync(string role, string lenient, string peer1, string peer2)
    {
        var loop = await _bot.NewLoopAsync(role, new InterviewSpec("screen", [lenient, peer1, peer2]));
        await _bot.ActAsync(peer1, "scorecard.submit", Filled(loop.Interviews[0], "screen", 2, "no"));
        await _bot.ActAsync(peer2, "scorecard.submit", Filled(loop.Interviews[0], "screen", 2, "no"));
        await _bot.ActAsync(lenient, "scorecard.submit", Filled(loop.Interviews[0], "screen", 4, "yes"));
        return loop;
    }

    private Task<long> NotesToAsync(string email) =>
        _bot.ScalarAsync<long>("SELECT count(*) FROM outbox WHERE idempotency_key LIKE 'calibration-note:%' AND recipient = $1", $"person:{email}")!;

    [Fact]
    public async Task The_private_note_comes_past_the_minimum_history_to_the_panelist_alone_without_others_ratings()
    {
        const string raj = "raj@example.com", pat = "pat@example.com", quinn = "quinn@example.com";
        for (var i = 1; i <= 3; i++) await LenientLoopAsync($"note{i}", raj, pat, quinn);
        Assert.Equal(0, await NotesToAsync(raj)); // two past loops at the third submission: below the minimum of 3

        var last = await LenientLoopAsync("note4", raj, pat, quinn);

        var note = Assert.Single(await _bot.WaitForLocalAsync(m => m["recipient"]!.GetValue<string>() == $"person:{raj}"
            && m["card"]!.ToJsonString().Contains("Your rating calibration")));
        var text = string.Join("\n", Texts(note["card"]!));
        Assert.Contains("over 3 past scorecards", text);
        Assert.Contains("2.00 above", text); // 4 against the peers' 2, in each past loop
        Assert.Contains("Only you receive this note", text);
        foreach (var secret in new[] { "pat", "quinn", "Ada", "cand-", "rated 2", " 2 " }) Assert.DoesNotContain(secret, text);
        Assert.Equal(1, await NotesToAsync(raj));
        Assert.Equal(1, await _bot.ScalarAsync<long>("SELECT count(*) FROM outbox WHERE idempotency_key = $1", $"calibration-note:{last.Interviews[0]}:{raj}"));
    }

    [Fact]
    public async Task Calibration_gives_recruiters_the_table_renders_in_teams_and_slack_and_is_refused_to_an_interviewer()
    {
        const string lee = "lee@example.com", p1 = "p1@example.com", p2 = "p2@example.com";
        for (var i = 1; i <= 3; i++) await LenientLoopAsync($"tab{i}", lee, p1, p2);
        await _bot.SayAsync(Recruiter, $"role add tab3 interviewer {lee} pool backend");
        await _bot.SayAsync(Recruiter, $"role add tab3 interviewer {p1} pool backend");
        await _bot.SayAsync(Recruiter, "role add tab3 interviewer newbie@example.com pool backend");

        var reply = await _bot.SayAsync(Recruiter, "calibration tab3");

        Assert.False(IsError(reply), Text(reply));
        Assert.Equal("message", reply["kind"]!.GetValue<string>());
        var facts = reply["data"]!["facts"]!.AsArray().ToDictionary(f => f!["title"]!.GetValue<string>(), f => f!["value"]!.GetValue<string>());
        Assert.Matches(@"^3 scorecards · leniency \+\d\.\d\d \(90% [+−]\d\.\d\d to \+\d\.\d\d, 3 compared\) · agreement .* · median \d+\.\d h to submit$", facts["lee"]);
        Assert.Contains("leniency −", facts["p1"]);
        Assert.Equal("No scorecards yet.", facts["newbie"]);
        Assert.Equal(["lee", "newbie", "p1"], facts.Keys.Order()); // p2 is not in the role's pools; people by name

        var renderer = _bot.Services.GetRequiredService<MessageRenderer>();
        PlatformFormatting.AssertRendersNatively(renderer.Render("message", reply["data"]!.AsObject()), "message");

        var refused = await _bot.SayAsync(lee, "calibration tab3");
        Assert.True(IsError(refused));
        Assert.Equal("Only the recruiters and hiring managers of `tab3` can run `calibration`.", Text(refused));
        Assert.True(IsError(await _bot.SayAsync(Manager, "calibration nosuchrole")));
    }

    [Fact]
    public async Task A_lenient_interviewers_history_moves_the_digests_score_toward_the_panel_and_none_without_history()
    {
        const string dan = "dan@example.com";
        var before = await SummaryAsync(await OneRaterLoopAsync("dg0", dan, "fresh0@example.com"));
        Assert.Empty(before["calibration"]!.AsArray());

        for (var i = 1; i <= 4; i++) await LenientLoopAsync($"dgh{i}", dan, "d1@example.com", "d2@example.com");
        var after = await SummaryAsync(await OneRaterLoopAsync("dg5", dan, "fresh5@example.com"));

        var lines = after["calibration"]!.AsArray().Select(l => l!.GetValue<string>()).ToList();
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^dan@example\.com rates \d\.\d above the panel average over 4 scorecards"));
        var moved = Regex.Match(lines[^1], @"Without the adjustment the score would be (\d\.\d) \((\d\.\d)–(\d\.\d)\); adjusted (\d\.\d) \((\d\.\d)–(\d\.\d)\)");
        Assert.True(moved.Success, lines[^1]);
        double At(int g) => double.Parse(moved.Groups[g].Value, CultureInfo.InvariantCulture);
        Assert.Equal(before["score"]!.GetValue<string>(), moved.Groups[1].Value); // same ratings as the loop without history
        Assert.True(At(4) < At(1), lines[^1]); // dan's 4s count for less: toward the panel
        Assert.Equal(moved.Groups[4].Value, after["score"]!.GetValue<string>());
        // The estimate's own uncertainty widens the interval (PanelAggregator adds the leniency's variance).
        Assert.True(At(6) - At(5) >= At(3) - At(2), lines[^1]);
    }

    [Fact]
    public async Task A_completing_submission_reads_the_history_once_and_only_within_the_window()
    {
        const string ivy = "ivy@example.com", h1 = "h1@example.com", h2 = "h2@example.com";
        for (var i = 1; i <= 3; i++) await LenientLoopAsync($"win{i}", ivy, h1, h2);
        // Three past loops would give ivy her note (the previous test), but they are older than the
        // window (Decisions__HistoryMonths, 24 months).
        await _bot.ScalarAsync<object>("UPDATE scorecards SET submitted_at = $1 WHERE lower(panelist_email) = ANY($2)",
            TestClock.Now.AddMonths(-25), new[] { ivy, h1, h2 });
        var store = _bot.Services.GetRequiredService<PanelHistoryStore>();
        var loop = await _bot.NewLoopAsync("win4", new InterviewSpec("screen", [ivy, h1, h2]));
        await _bot.ActAsync(h1, "scorecard.submit", Filled(loop.Interviews[0], "screen", 2, "no"));
        await _bot.ActAsync(h2, "scorecard.submit", Filled(loop.Interviews[0], "screen", 2, "no"));
        var reads = store.Loads;

        await _bot.ActAsync(ivy, "scorecard.submit", Filled(loop.Interviews[0], "screen", 4, "yes"));

        // The note and the digest this last scorecard completed share one read.
        Assert.True(await _bot.ScalarAsync<long>("SELECT count(*) FROM outbox WHERE idempotency_key LIKE $1", $"digest:{loop.LoopId}%") > 0);
        Assert.Equal(reads + 1, store.Loads);
        Assert.Equal(0, await NotesToAsync(ivy));
    }

    [Fact]
    public async Task The_history_holds_only_the_latest_scorecards_the_policy_allows()
    {
        for (var i = 1; i <= 2; i++) await LenientLoopAsync($"cap{i}", "cap@example.com", "c1@example.com", "c2@example.com");
        var db = _bot.Services.GetRequiredService<OrgDb>();
        using var scope = OrgScope.Enter(OrgScope.Default);
        await using var conn = await db.OpenConnectionAsync(default);

        var all = await new PanelHistoryStore(Options.Create(DecisionPolicy.Default), _bot.Clock).LoadAsync(conn, null, null, default);
        var capped = await new PanelHistoryStore(Options.Create(DecisionPolicy.Default with { HistoryMaxScorecards = 2 }), _bot.Clock).LoadAsync(conn, null, null, default);

        Assert.Equal(6, all.Select(r => (r.LoopId, r.Panelist)).Distinct().Count());
        // The two submitted last: the second loop's second peer and its lenient interviewer.
        Assert.Equal(["c2@example.com", "cap@example.com"], capped.Select(r => r.Panelist).Distinct().Order());
        Assert.Single(capped.Select(r => r.LoopId).Distinct());
    }

    /// <summary>Two rounds, one rater each: the lenient interviewer rates the screen 4, someone without history the behavioral 3.</summary>
    private async Task<TestLoop> OneRaterLoopAsync(string role, string lenient, string other)
    {
        var loop = await _bot.NewLoopAsync(role, new InterviewSpec("screen", [lenient]), new InterviewSpec("behavioral", [other]));
        await _bot.ActAsync(lenient, "scorecard.submit", Filled(loop.Interviews[0], "screen", 4, "yes"));
        await _bot.ActAsync(other, "scorecard.submit", Filled(loop.Interviews[1], "behavioral", 3, "yes"));
        return loop;
    }

    /// <summary>Every "text" of a bound card: what the reader sees.</summary>
    private static IEnumerable<string> Texts(JsonNode node) => node switch
    {
        JsonObject o => o.SelectMany(kv => kv.Key == "text" && kv.Value is JsonValue v ? [v.ToString()] : kv.Value is null ? [] : Texts(kv.Value)),
        JsonArray a => a.SelectMany(n => n is null ? [] : Texts(n)),
        _ => [],
    };

    private async Task<JsonObject> SummaryAsync(TestLoop loop)
    {
        var reply = await _bot.SayAsync(Recruiter, $"summary {loop.Candidate}");
        Assert.Equal("digest", reply["kind"]!.GetValue<string>());
        return reply["data"]!.AsObject();
    }
}
