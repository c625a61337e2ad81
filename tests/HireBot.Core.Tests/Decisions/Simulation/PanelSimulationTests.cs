using HireBot.Core.Decisions;

namespace HireBot.Core.Tests.Decisions.Simulation;

/// <summary>
/// Issue 15 item 6: coverage and verdict errors of the real aggregator over generative models it
/// does not assume (<see cref="PanelScenario"/>). Seeded and short here; the bench's
/// <c>panels</c> scenario runs the same suite with many more panels for the README's table.
/// Targets: nominal 90% dimension and overall intervals cover 85–95% wherever
/// <see cref="PanelScenario.HasCoverageTarget"/> (independent raters, three or more, or the
/// template loop); wrong-side verdicts under 2% everywhere except where the README says no panel
/// can meet it (a shared impression).
/// </summary>
public class PanelSimulationTests
{
    private const int Panels = 400;

    public static TheoryData<string> Names() => new(PanelScenarios.All.Select(s => s.Name));

    [Theory]
    [MemberData(nameof(Names))]
    public void Intervals_cover_and_verdicts_stay_on_the_right_side(string name)
    {
        var index = PanelScenarios.All.ToList().FindIndex(s => s.Name == name);
        var scenario = PanelScenarios.All[index];
        var result = PanelSimulator.Run(scenario, Panels, seed: 15_000 + index);
        if (scenario.HasCoverageTarget)
        {
            Assert.InRange(result.OverallCoverage, 0.85, 0.95);
            Assert.InRange(result.DimensionCoverage, 0.85, 0.95);
        }
        if (scenario.SharedSd == 0)
        {
            Assert.True(result.HireBelowNoHireBar < 0.02, result.Row());
            Assert.True(result.NoHireAboveHireBar < 0.02, result.Row());
        }
    }
}
