using System.Diagnostics;
using HireBot.Core.Scheduling;
using HireBot.Core.Tests.Scheduling.Support;

namespace HireBot.Bench;

/// <summary>
/// Issue 5, item 5: loop scheduler time on the large case (5 rounds, 30 interviewers, 10 business
/// days at 15 minutes, three time zones) and, on small instances, time and objective against
/// exhaustive search measured side by side. Options: --runs N (large case, default 200),
/// --small N (default 60).
/// </summary>
public sealed class SchedulerBench : IBenchScenario
{
    public string Name => "scheduler";
    public string Description => "loop scheduler: large-case p50/p99, small-case ratios vs exhaustive search";

    public Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        int runs = Option(args, "--runs", 200), small = Option(args, "--small", 60);
        for (int seed = 1000; seed < 1010; seed++) LoopScheduler.Schedule(InstanceGenerator.Generate(InstanceShape.Large, seed));

        var large = new List<double>();
        int feasible = 0;
        for (int seed = 1; seed <= runs && !cancellationToken.IsCancellationRequested; seed++)
        {
            var request = InstanceGenerator.Generate(InstanceShape.Large, seed);
            var watch = Stopwatch.StartNew();
            var result = LoopScheduler.Schedule(request);
            large.Add(watch.Elapsed.TotalMilliseconds);
            if (result.IsFeasible) feasible++;
        }

        var ours = new List<double>();
        var theirs = new List<double>();
        int equal = 0;
        for (int seed = 1; seed <= small && !cancellationToken.IsCancellationRequested; seed++)
        {
            var request = InstanceGenerator.Generate(InstanceShape.Small, seed);
            var watch = Stopwatch.StartNew();
            var result = LoopScheduler.Schedule(request);
            ours.Add(watch.Elapsed.TotalMilliseconds);
            watch.Restart();
            var reference = ExhaustiveScheduler.Solve(request);
            theirs.Add(watch.Elapsed.TotalMilliseconds);
            if (SameObjective(result, reference, request.DayPreference)) equal++;
        }

        Console.WriteLine($"{"case",-34} {"n",5} {"p50 ms",9} {"p99 ms",9} {"max ms",9}");
        Row($"large 5r/30i/10d/15min ({feasible} feasible)", large);
        Row("small 3r/5i/2d/30min, scheduler", ours);
        Row("small, exhaustive search", theirs);
        double ratio = theirs.Count == 0 ? 0 : theirs.Sum() / Math.Max(ours.Sum(), 1e-9);
        Console.WriteLine($"small: exhaustive/scheduler time ratio {ratio:0.0}x; objective equal on {equal}/{ours.Count} (ratio {(ours.Count == 0 ? 0 : (double)equal / ours.Count):0.00})");
        return Task.CompletedTask;
    }

    private static bool SameObjective(SchedulingResult result, List<ExhaustiveOption> reference, DayPreference preference)
    {
        if (result.Options.Count != reference.Count) return false;
        return result.Options.Zip(reference).All(pair =>
        {
            var (o, e) = pair;
            var (k1, k2) = preference == DayPreference.SingleDay
                ? (o.Score.DaysUsed, o.Score.DaySpan) : (o.Score.DaySpan, o.Score.DaysUsed);
            return k1 == e.Key1 && k2 == e.Key2 && o.Score.LoadPerMille == e.Load
                && o.Score.IdleMinutes == e.IdleMinutes && o.Rounds.Select(r => r.Start).SequenceEqual(e.Starts);
        });
    }

    private static void Row(string name, List<double> ms)
    {
        if (ms.Count == 0) return;
        var sorted = ms.Order().ToList();
        double P(double q) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
        Console.WriteLine($"{name,-34} {ms.Count,5} {P(0.5),9:0.00} {P(0.99),9:0.00} {sorted[^1],9:0.00}");
    }

    private static int Option(string[] args, string name, int fallback)
    {
        int at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], out var v) ? v : fallback;
    }
}
