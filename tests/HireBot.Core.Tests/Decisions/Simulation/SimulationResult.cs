using System.Globalization;

namespace HireBot.Core.Tests.Decisions.Simulation;

/// <summary>
/// One scenario's figures: how often nominal 90% intervals covered the truth (competency,
/// dimension, overall), how often a candidate whose true score is below the no-hire bar was
/// called Hire and one at or above the hire bar was called No hire (each over the candidates on
/// that side), how often any confident verdict was given, and the mean overall interval width.
/// </summary>
public sealed record SimulationResult(
    PanelScenario Scenario,
    int Panels,
    double CompetencyCoverage,
    double DimensionCoverage,
    double OverallCoverage,
    double HireBelowNoHireBar,
    int BelowNoHireBar,
    double NoHireAboveHireBar,
    int AboveHireBar,
    double Confident,
    double MeanOverallWidth)
{
    public double WrongSide => Math.Max(HireBelowNoHireBar, NoHireAboveHireBar);

    public static string Header =>
        "| scenario | panels | competency | dimension | overall | true < 2.5 called Hire | true ≥ 3.0 called No hire | confident verdicts | mean overall width |\n" +
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |";

    public string Row() => string.Create(CultureInfo.InvariantCulture,
        $"| {Scenario.Name} | {Panels} | {CompetencyCoverage * 100:0.0}% | {DimensionCoverage * 100:0.0}% | {OverallCoverage * 100:0.0}% | {HireBelowNoHireBar * 100:0.0}% of {BelowNoHireBar} | {NoHireAboveHireBar * 100:0.0}% of {AboveHireBar} | {Confident * 100:0}% | {MeanOverallWidth:0.00} |");
}
