using HireBot.Core.Decisions;
using HireBot.Scorecards;
using HireBot.Tests.Support;
using Microsoft.Extensions.Options;

namespace HireBot.Tests.Scorecards;

public class DecisionSettingsTests
{
    [Fact]
    public async Task Decision_policy_and_scorecard_settings_bind_from_configuration()
    {
        await using var bot = await BotApp.StartAsync(nameof(DecisionSettingsTests), new Dictionary<string, string?>
        {
            ["Decisions:HireThreshold"] = "3.2",
            ["Decisions:MinPanelists"] = "3",
            ["Scorecards:FeedbackDeadlineHours"] = "24",
        });

        var policy = bot.Services.GetRequiredService<IOptions<DecisionPolicy>>().Value;
        Assert.Equal(3.2, policy.HireThreshold);
        Assert.Equal(3, policy.MinPanelists);
        Assert.Equal(DecisionPolicy.Default.NoHireThreshold, policy.NoHireThreshold);
        Assert.Equal(24, bot.Services.GetRequiredService<IOptions<ScorecardOptions>>().Value.FeedbackDeadlineHours);
    }

    [Theory]
    [InlineData("Decisions:NoHireThreshold", "3.5", "Decisions__NoHireThreshold must not exceed HireThreshold.")]
    [InlineData("Decisions:ConfidenceLevel", "1.5", "Decisions__ConfidenceLevel must be strictly between 0 and 1.")]
    [InlineData("Decisions:HistoryMonths", "0", "Decisions__HistoryMonths must be at least 1.")]
    [InlineData("Decisions:HistoryMaxScorecards", "0", "Decisions__HistoryMaxScorecards must be at least 1.")]
    [InlineData("Scorecards:FeedbackDeadlineHours", "0", "Scorecards__FeedbackDeadlineHours must be positive")]
    public async Task An_unusable_setting_stops_the_host_with_a_message_naming_it(string key, string value, string message)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            BotApp.StartAsync(nameof(DecisionSettingsTests) + key.Replace(":", ""), new Dictionary<string, string?> { [key] = value }));
        Assert.Contains(message, error.Message);
    }
}
