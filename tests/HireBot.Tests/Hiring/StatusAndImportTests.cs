using HireBot.Core.Commands;
using HireBot.Core.Roles;
using HireBot.Hiring;
using HireBot.Tests.Scorecards;
using HireBot.Tests.Support;

namespace HireBot.Tests.Hiring;

public class StatusAndImportTests : IAsyncLifetime
{
    private BotApp _bot = null!;

    public async Task InitializeAsync() => _bot = await BotApp.StartAsync(nameof(StatusAndImportTests));
    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public void Every_command_of_the_grammar_has_a_feature_that_handles_it()
    {
        var handled = _bot.Services.GetServices<ICommandFeature>().SelectMany(f => f.Commands).ToList();

        Assert.Equal(handled.Count, handled.Distinct().Count());
        Assert.Empty(CommandCatalog.All.Select(s => s.Name).Except(handled));
    }

    [Fact]
    public async Task Status_shows_recruiters_who_has_submitted_and_panelists_only_their_own_work()
    {
        var loop = await _bot.NewLoopAsync("st", new InterviewSpec("screen", ["pat@example.com", "pia@example.com"]));
        await _bot.ActAsync("pat@example.com", "scorecard.submit", ScorecardHarness.Filled(loop.Interviews[0], "screen", 3));

        var recruiter = ScorecardHarness.Text(await _bot.SayAsync(ScorecardHarness.Recruiter, $"status {loop.Candidate}"));
        Assert.Contains("pat@example.com (scorecard in)", recruiter);
        Assert.Contains("pia@example.com (scorecard missing)", recruiter);
        Assert.DoesNotContain("concrete example", recruiter); // who, never what

        var panelist = await _bot.SayAsync("pia@example.com", $"status {loop.Candidate}");
        Assert.True(ScorecardHarness.IsError(panelist));
        var own = ScorecardHarness.Text(await _bot.SayAsync("pia@example.com", "status"));
        Assert.Contains("Scorecards you owe", own);
        Assert.Contains("screen", own);
        Assert.Contains("no open scorecards", ScorecardHarness.Text(await _bot.SayAsync("pat@example.com", "status")));
    }

    [Fact]
    public async Task Role_import_replaces_the_template_and_names_the_field_of_a_bad_one()
    {
        await _bot.SayAsync(ScorecardHarness.Recruiter, "role create imp \"Backend Engineer\"");
        await _bot.SayAsync(ScorecardHarness.Recruiter, "role add imp interviewer pat@example.com pool backend");
        var template = _bot.Services.GetRequiredService<TemplateLibrary>().Find("backend-engineer")!;
        var edited = RoleTemplateJson.Write(template with { Title = "Platform Engineer", Loop = new LoopTemplate(template.Loop.Rounds.Take(3).ToList()) });

        var bad = await _bot.SayAsync(ScorecardHarness.Recruiter, "role import imp " + edited.Replace("\"minutes\": 45", "\"minutes\": 5"));
        Assert.True(ScorecardHarness.IsError(bad));
        Assert.Contains("rounds[0].minutes must be between 15 and 480", ScorecardHarness.Text(bad));

        var ok = await _bot.SayAsync(ScorecardHarness.Recruiter, "role import imp ```" + edited + "```");
        Assert.False(ScorecardHarness.IsError(ok), ScorecardHarness.Text(ok));
        var shown = ScorecardHarness.Text(await _bot.SayAsync(ScorecardHarness.Recruiter, "role show imp"));
        Assert.Contains("Platform Engineer", shown);
        Assert.Contains("`backend`: 1 interviewer,", shown); // people already in the pool are kept
        Assert.DoesNotContain("Behavioral,", shown.Split("Loop:")[1]);

        var outsider = await _bot.SayAsync("mallory@example.com", "role import imp " + edited);
        Assert.True(ScorecardHarness.IsError(outsider));
    }
}
