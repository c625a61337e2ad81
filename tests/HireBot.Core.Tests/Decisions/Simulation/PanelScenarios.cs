namespace HireBot.Core.Tests.Decisions.Simulation;

/// <summary>The scenarios of the simulation suite, shared by the tests and the bench.</summary>
public static class PanelScenarios
{
    public static IReadOnlyList<PanelScenario> All { get; } = Build();

    private static List<PanelScenario> Build()
    {
        var list = new List<PanelScenario>();
        foreach (var n in new[] { 1, 2, 3, 4, 5, 8 })
            foreach (var tau in new[] { 0.0, 0.25, 0.5 })
                foreach (var sigma in new[] { 0.5, 0.8 })
                    list.Add(new($"full n={n} τ={tau:0.00} σ={sigma:0.0}", PanelLayout.Full, n, tau, sigma));
        foreach (var n in new[] { 3, 5 })
            list.Add(new($"heavy tails n={n} τ=0.25 σ=0.5", PanelLayout.Full, n, 0.25, 0.5, HeavyTails: true));
        foreach (var n in new[] { 3, 5 })
        {
            list.Add(new($"near 1 n={n} τ=0.25 σ=0.6", PanelLayout.Full, n, 0.25, 0.6, LevelLow: 1.0, LevelHigh: 1.5));
            list.Add(new($"near 4 n={n} τ=0.25 σ=0.6", PanelLayout.Full, n, 0.25, 0.6, LevelLow: 3.5, LevelHigh: 4.0));
        }
        foreach (var tau in new[] { 0.0, 0.25, 0.5 })
            list.Add(new($"template loop τ={tau:0.00} σ=0.6", PanelLayout.Template, 7, tau, 0.6));
        list.Add(new("template loop heavy tails τ=0.25 σ=0.5", PanelLayout.Template, 7, 0.25, 0.5, HeavyTails: true));
        foreach (var n in new[] { 3, 5 })
            list.Add(new($"halo λ=0.3 n={n} τ=0.25 σ=0.6", PanelLayout.Full, n, 0.25, 0.6, Halo: 0.3));
        foreach (var n in new[] { 3, 8 })
            list.Add(new($"shared impression 0.3 n={n} τ=0.25 σ=0.6", PanelLayout.Full, n, 0.25, 0.6, SharedSd: 0.3));
        return list;
    }
}
