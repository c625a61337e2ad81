using System.Reflection;
using HireBot.Bench;

// Usage: dotnet run -c Release --project tests/HireBot.Bench -- <scenario|all> [options]
if (args is [HireBot.Bench.Load.BotProcess.Mode, ..])
    return await HireBot.Bench.Load.BotProcess.ServeAsync(args[1..]); // the load bench's bot, in a process of its own

var scenarios = Assembly.GetExecutingAssembly().GetTypes()
    .Where(t => typeof(IBenchScenario).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
    .Select(t => (IBenchScenario)Activator.CreateInstance(t)!)
    .OrderBy(s => s.Name, StringComparer.Ordinal)
    .ToList();

var name = args.Length > 0 ? args[0] : "";
var picked = name == "all" ? scenarios : scenarios.Where(s => s.Name == name).ToList();
if (picked.Count == 0)
{
    Console.WriteLine("usage: HireBot.Bench <scenario|all> [options]");
    foreach (var s in scenarios) Console.WriteLine($"  {s.Name,-12} {s.Description}");
    return name.Length == 0 ? 0 : 2;
}

using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
foreach (var scenario in picked)
{
    Console.WriteLine($"== {scenario.Name}: {scenario.Description}");
    await scenario.RunAsync(args.Skip(1).ToArray(), cts.Token);
}
return 0;
