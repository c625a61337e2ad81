using HireBot.Core.Decisions;
using HireBot.Core.Tests.Decisions.Simulation;

namespace HireBot.Bench;

/// <summary>
/// The panel statistics simulation suite (issue 15) with many panels per scenario: prints the
/// README's table. Options: <c>--panels N</c> (default 4000), <c>--only text</c> to run scenarios
/// whose name contains it, <c>--history</c> to use variance priors estimated from 40 past loops of
/// the same scenario (as an organisation with history would).
/// </summary>
public sealed class PanelStatsBench : IBenchScenario
{
    public string Name => "panels";
    public string Description => "coverage and verdict errors of the digest's statistics over simulated panels";

    public Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var panels = Option(args, "--panels") is { } p ? int.Parse(p, System.Globalization.CultureInfo.InvariantCulture) : 4000;
        var only = Option(args, "--only");
        Console.WriteLine(SimulationResult.Header);
        var scenarios = PanelScenarios.All;
        for (var i = 0; i < scenarios.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (only is not null && !scenarios[i].Name.Contains(only, StringComparison.Ordinal)) continue;
            var history = args.Contains("--history")
                ? new PanelHistory(VariancePriorEstimator.Estimate(PanelSimulator.History(scenarios[i], 40, seed: 250_000 + i), DecisionPolicy.Default), new Dictionary<string, RaterCalibration>())
                : null;
            var result = PanelSimulator.Run(scenarios[i], panels, seed: 150_000 + i, history: history);
            var miss = scenarios[i].HasCoverageTarget && (result.OverallCoverage is < 0.85 or > 0.95 || result.DimensionCoverage is < 0.85 or > 0.95);
            Console.WriteLine(result.Row() + (miss ? " ← coverage target missed" : "") + (result.WrongSide >= 0.02 ? " ← wrong-side ≥ 2%" : ""));
        }
        return Task.CompletedTask;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
