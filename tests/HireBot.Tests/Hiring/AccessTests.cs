using System.Text.Json.Nodes;
using HireBot.Hiring;
using HireBot.Tests.Scorecards;
using HireBot.Tests.Support;
using static HireBot.Tests.Scorecards.ScorecardHarness;

namespace HireBot.Tests.Hiring;

/// <summary>
/// Core's permissions table as people meet it through the local channel: who sees people's emails,
/// who may read the summary and decide, and that a role or candidate one has nothing to do with
/// reads exactly like one that does not exist.
/// </summary>
public class AccessTests : IAsyncLifetime
{
    private BotApp _bot = null!;

    public async Task InitializeAsync() => _bot = await BotApp.StartAsync(nameof(AccessTests));
    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task Role_show_and_export_reveal_emails_only_to_the_roles_recruiters_and_managers()
    {
        await _bot.NewLoopAsync("acc-mail", new InterviewSpec("screen", ["pat@example.com"]));
        await _bot.SayAsync(Recruiter, "role add acc-mail interviewer ivan@example.com pool backend");
        var emails = new[] { Recruiter, Manager, "ivan@example.com" };

        foreach (var insider in new[] { Recruiter, Manager })
        {
            var show = Text(await _bot.SayAsync(insider, "role show acc-mail"));
            var export = Text(await _bot.SayAsync(insider, "role export acc-mail"));
            Assert.Contains(Recruiter, show);
            Assert.Contains(Manager, show);
            Assert.Contains("ivan@example.com", export);
        }

        var outsiderShow = await _bot.SayAsync("ivan@example.com", "role show acc-mail");
        var outsiderExport = await _bot.SayAsync("ivan@example.com", "role export acc-mail");
        Assert.False(IsError(outsiderShow));
        Assert.Contains("Senior Backend Engineer", Text(outsiderShow));
        Assert.Contains("1 recruiter, 1 hiring manager", Text(outsiderShow));
        Assert.False(IsError(outsiderExport));
        Assert.Contains("\"pools\"", Text(outsiderExport));
        foreach (var email in emails)
        {
            Assert.DoesNotContain(email, outsiderShow.ToJsonString());
            Assert.DoesNotContain(email, outsiderExport.ToJsonString());
        }
    }

    [Theory]
    [InlineData("summary")]
    [InlineData("decide")]
    public async Task Summary_and_decide_are_refused_to_a_recruiter_or_manager_who_still_owes_a_scorecard(string command)
    {
        var loop = await _bot.NewLoopAsync("acc-owe-" + command, new InterviewSpec("screen", [Manager]), new InterviewSpec("behavioral", [Recruiter]));
        await _bot.ActAsync(Manager, "scorecard.submit", Filled(loop.Interviews[0], "screen", 3));
        var text = command == "decide" ? $"decide {loop.Candidate} hire strong loop" : $"summary {loop.Candidate}";

        var refused = await _bot.SayAsync(Recruiter, text);

        Assert.True(IsError(refused));
        Assert.Contains($"Ada acc-owe-{command}'s panel and have not submitted your scorecard", Text(refused));
        Assert.Equal("InProgress", await _bot.ScalarAsync<string>("SELECT state FROM loops WHERE id = $1", loop.LoopId));
        Assert.Equal(0, await _bot.ScalarAsync<long>("SELECT count(*) FROM feedback_views WHERE loop_id = $1", loop.LoopId));

        // The manager has submitted: the same command goes through for them.
        var allowed = await _bot.SayAsync(Manager, text);
        Assert.False(IsError(allowed), Text(allowed));
        if (command == "decide") Assert.Equal("Decided", await _bot.ScalarAsync<string>("SELECT state FROM loops WHERE id = $1", loop.LoopId));
    }

    [Fact]
    public async Task A_role_or_candidate_one_has_nothing_to_do_with_reads_exactly_like_one_that_does_not_exist()
    {
        var loop = await _bot.NewLoopAsync("acc-hide", new InterviewSpec("screen", ["pat@example.com"]));
        var ghost = loop.Candidate.Replace("cand-", "nobody-");
        // Mallory is a member (she has talked to the bot), so she may know the role exists, as `role list` shows it;
        // she is told she may not change it. The candidate is not hers to know about.
        var role = await _bot.SayAsync("mallory@example.com", "role add acc-hide recruiter mallory@example.com");
        Assert.Equal("Only the recruiters and hiring managers of `acc-hide` can run `role add`.", Text(role));

        foreach (var (real, missing) in new[]
                 {
                     ($"candidate show {loop.Candidate}", $"candidate show {ghost}"),
                     ($"schedule {loop.Candidate}", $"schedule {ghost}"),
                     ($"status {loop.Candidate}", $"status {ghost}"),
                     ($"summary {loop.Candidate}", $"summary {ghost}"),
                     ($"decide {loop.Candidate} hire ok", $"decide {ghost} hire ok"),
                 })
        {
            var hidden = await _bot.SayAsync("mallory@example.com", real);
            var absent = await _bot.SayAsync("mallory@example.com", missing);
            Assert.True(IsError(hidden), real);
            Assert.Equal(Text(absent).Replace(ghost, loop.Candidate), Text(hidden));
            Assert.DoesNotContain("Only", Text(hidden));
        }

        var card = await _bot.ActAsync("mallory@example.com", "scorecard.open", new JsonObject { ["interviewId"] = loop.Interviews[0].ToString() });
        var noCard = await _bot.ActAsync("mallory@example.com", "scorecard.open", new JsonObject { ["interviewId"] = Guid.NewGuid().ToString() });
        Assert.Equal(Text(noCard), Text(card));
        Assert.Equal("Ada acc-hide", await _bot.ScalarAsync<string>("SELECT name FROM candidates WHERE email = $1", loop.Candidate));
        Assert.Equal(0, await _bot.ScalarAsync<long>("SELECT count(*) FROM scorecards WHERE interview_id = $1", loop.Interviews[0]));
    }

    [Fact]
    public async Task A_candidate_in_a_role_one_does_not_recruit_for_is_not_counted_as_ambiguous()
    {
        await _bot.NewLoopAsync("acc-one", new InterviewSpec("screen", ["pat@example.com"]));
        await _bot.SayAsync("olga@example.com", "role create acc-two \"Other Role\"");
        await _bot.SayAsync("olga@example.com", "candidate add acc-two cand-acc-one@example.com Ada Elsewhere");

        var mine = await _bot.SayAsync(Recruiter, "candidate show cand-acc-one@example.com");
        var hers = await _bot.SayAsync("olga@example.com", "candidate show cand-acc-one@example.com");

        Assert.False(IsError(mine), Text(mine));
        Assert.Contains("Ada acc-one", Text(mine));
        Assert.False(IsError(hers), Text(hers));
        Assert.Contains("Ada Elsewhere", Text(hers));
    }

    [Fact]
    public void Every_command_feature_and_card_verb_the_host_runs_has_a_rule()
    {
        // Resolving the handlers is the check: they refuse to be built with an action Core has no rule for.
        var actions = _bot.Services.GetRequiredService<HireBot.Commands.CardActionDispatcher>();
        _bot.Services.GetRequiredService<HireBot.Commands.CommandDispatcher>();

        Assert.Equal(Core.Access.Permissions.Rules.Where(r => r.Action.Contains('.')).Select(r => r.Action).Order(), actions.Verbs.Order());
    }
}
