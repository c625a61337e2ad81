using HireBot.Cards;
using HireBot.Tests.Scheduling;
using HireBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace HireBot.Tests.Cards;

/// <summary>
/// The replies real commands give (on the local channel, which returns the card kind and data every
/// platform renders from), rendered for Teams and Slack and checked against each platform's rules.
/// </summary>
public class FeatureMessageFormattingTests : IAsyncLifetime
{
    private BotApp _bot = null!;

    public async Task InitializeAsync() => _bot = await BotApp.StartAsync(nameof(FeatureMessageFormattingTests));
    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task Command_replies_render_natively_in_teams_and_slack()
    {
        const string rita = "rita@example.com";
        string[] commands =
        [
            "help", "help role", "role create be-fmt \"Backend & Platform Engineer\"", "role add be-fmt interviewer b1@example.com pool backend",
            "role show be-fmt", "role list", "candidate add be-fmt ada@example.com Ada Lovelace", "candidate list", "status ada@example.com",
            "role nonsense", "schedule nobody@example.com",
        ];
        var renderer = _bot.Services.GetRequiredService<MessageRenderer>();
        foreach (var command in commands)
        {
            var reply = await _bot.SayAsync(rita, command);
            var kind = reply["kind"]!.GetValue<string>();
            var card = renderer.Render(kind, reply["data"]!.AsObject());
            try { PlatformFormatting.AssertRendersNatively(card, kind); }
            catch (Exception e) { throw new Xunit.Sdk.XunitException($"`{command}`: {e.Message}\n{reply["data"]!.ToJsonString()}"); }
        }
    }

    [Fact]
    public async Task A_booked_loops_options_kits_and_status_render_natively_in_teams_and_slack()
    {
        var loop = new LoopSetup(_bot, "fmt-loop");
        await loop.CreateAsync();
        var renderer = _bot.Services.GetRequiredService<MessageRenderer>();

        var options = await loop.BookAsync(); // schedule, then pick the first option
        var status = await _bot.SayAsync(LoopSetup.Recruiter, $"status {loop.Candidate}");
        // The kits as the outbox holds them: most wait until a day before their round, so they are
        // read from their rows rather than waited for (at some hours none would be due yet).
        var kits = await loop.RowsAsync(
            "SELECT o.payload::text FROM outbox o JOIN interview_panelists p ON o.idempotency_key = 'kit:' || p.interview_id || ':' || p.email " +
            "JOIN interviews i ON i.id = p.interview_id JOIN loops l ON l.id = i.loop_id JOIN candidates c ON c.id = l.candidate_id WHERE c.email = $1 AND o.kind = 'kit'",
            loop.Candidate);

        foreach (var reply in new[] { options, status })
            PlatformFormatting.AssertRendersNatively(renderer.Render(reply["kind"]!.GetValue<string>(), reply["data"]!.AsObject()), reply["kind"]!.GetValue<string>());
        Assert.Equal(6, kits.Count);
        foreach (var kit in kits)
            PlatformFormatting.AssertRendersNatively(renderer.Render("kit", System.Text.Json.Nodes.JsonNode.Parse((string)kit[0])!.AsObject()), "kit");
    }
}
