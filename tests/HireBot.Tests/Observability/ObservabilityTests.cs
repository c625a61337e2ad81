using HireBot.Tests.Scorecards;
using HireBot.Tests.Support;
using Microsoft.Extensions.Logging;

namespace HireBot.Tests.Observability;

public class ObservabilityTests : IAsyncLifetime
{
    private readonly CapturingLoggerProvider _logs = new();
    private BotApp _bot = null!;

    public async Task InitializeAsync() => _bot = await BotApp.StartAsync(nameof(ObservabilityTests),
        new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Debug", ["Logging:LogLevel:Microsoft"] = "Debug" },
        configureServices: (services, _) => services.AddSingleton<ILoggerProvider>(_logs));

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task A_whole_scorecard_flow_logs_ids_and_never_candidate_names_emails_or_feedback()
    {
        var loop = await _bot.NewLoopAsync("obs", new InterviewSpec("screen", ["pat@example.com"], Completed: false));
        await _bot.EndInterviewAsync(loop.Interviews[0]);
        await _bot.WaitForLocalAsync(m => m["kind"]!.GetValue<string>() == "scorecard");
        var card = ScorecardHarness.Filled(loop.Interviews[0], "screen", 2, redFlags: "retries-everything-forever");
        await _bot.ActAsync("pat@example.com", "scorecard.submit", card);
        await _bot.WaitForLocalAsync(m => m["kind"]!.GetValue<string>() == "digest");
        await _bot.SayAsync(ScorecardHarness.Recruiter, $"summary {loop.Candidate}");

        var lines = _logs.Lines.ToList();
        Assert.Contains(lines, l => l.Contains(loop.Interviews[0].ToString())); // ids are logged: the capture works
        Assert.DoesNotContain(lines, l => l.Contains(loop.Candidate, StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(lines, l => l.Contains("Ada obs", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(lines, l => l.Contains("concrete example from their last job", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Metrics_are_exported_for_prometheus()
    {
        await _bot.SayAsync(ScorecardHarness.Recruiter, "help");
        await Task.Delay(200);

        var text = await _bot.Http.GetStringAsync("/metrics");

        Assert.Contains("hirebot_requests", text);
        Assert.Contains("endpoint=\"/local/messages\"", text);
        Assert.Contains("hirebot_outbox_depth", text);
        Assert.Contains("hirebot_inbox_depth", text);
    }

    [Fact]
    public async Task Unknown_paths_mint_no_metric_series()
    {
        for (var i = 0; i < 5; i++) await _bot.Http.GetAsync($"/slack/probe-{Guid.NewGuid():N}");
        await _bot.SayAsync(ScorecardHarness.Recruiter, "help");

        var text = await _bot.Http.GetStringAsync("/metrics");

        Assert.DoesNotContain("probe-", text);
        Assert.Contains("endpoint=\"/local/messages\"", text);
    }
}
