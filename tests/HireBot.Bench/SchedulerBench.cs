using System.Diagnostics;
using HireBot.Core.Scheduling;
using HireBot.Core.Tests.Scheduling.Support;

namespace HireBot.Bench;

/// <summary>
/// Issue 5, item 5: loop scheduler time on the large case (5 rounds, 30 interviewers, 10 business
/// days at 15 minutes, three time zones) and, on small instances, time and objective against
/// exhaustive search measured side by side; and issue 12's fresh deployments: 3 to 8 interviewers
/// on the built-in backend loop, empty and nearly empty calendars, windows of 1 to 20 days (a new
/// team, where many equally good slots once made the search run for minutes). Reports p50, p99
/// and max. Options: --runs N (large case, default 200), --small N (default 60), --fresh N
/// (generated fresh-deployment cases, default 200).
/// </summary>
public sealed class SchedulerBench : IBenchScenario
{
    public string Name => "scheduler";
    public string Description => "loop scheduler: large-case p50/p99, small-case ratios vs exhaustive search";

    public Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        int runs = Option(args, "--runs", 200), small = Option(args, "--small", 60), fresh = Option(args, "--fresh", 200);
        for (int seed = 1000; seed < 1010; seed++) LoopScheduler.Schedule(InstanceGenerator.Generate(InstanceShape.Large, seed), cancellationToken);

        var large = new List<double>();
        int feasible = 0;
        for (int seed = 1; seed <= runs && !cancellationToken.IsCancellationRequested; seed++)
        {
            var request = InstanceGenerator.Generate(InstanceShape.Large, seed);
            var watch = Stopwatch.StartNew();
            var result = LoopScheduler.Schedule(request, cancellationToken);
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
            var result = LoopScheduler.Schedule(request, cancellationToken);
            ours.Add(watch.Elapsed.TotalMilliseconds);
            watch.Restart();
            var reference = ExhaustiveScheduler.Solve(request);
            theirs.Add(watch.Elapsed.TotalMilliseconds);
            if (SameObjective(result, reference, request.DayPreference)) equal++;
        }

        // Fresh deployments: the generated mix (3-8 people, empty or nearly empty, 1-20 days), then
        // the reported case (five people, empty calendars) at every window length.
        var freshMs = new List<double>();
        var freshWork = new List<double>();
        int stopped = 0;
        for (int seed = 1; seed <= fresh && !cancellationToken.IsCancellationRequested; seed++)
        {
            var request = FreshTeam.Generate(seed);
            var watch = Stopwatch.StartNew();
            var result = LoopScheduler.Schedule(request, cancellationToken);
            freshMs.Add(watch.Elapsed.TotalMilliseconds);
            freshWork.Add(result.Work);
            if (result.StoppedEarly) stopped++;
        }
        var five = new List<double>();
        for (int days = 1; days <= 20 && !cancellationToken.IsCancellationRequested; days++)
        {
            var watch = Stopwatch.StartNew();
            LoopScheduler.Schedule(FreshTeam.Five(days), cancellationToken);
            five.Add(watch.Elapsed.TotalMilliseconds);
        }

        Console.WriteLine($"{"case",-34} {"n",5} {"p50 ms",9} {"p99 ms",9} {"max ms",9}");
        Row($"large 5r/30i/10d/15min ({feasible} feasible)", large);
        Row("small 3r/5i/2d/30min, scheduler", ours);
        Row("small, exhaustive search", theirs);
        Row($"fresh 3-8i/0-3 busy/1-20d ({stopped} stopped)", freshMs);
        Row("fresh 5i empty, 1..20 days", five);
        if (freshWork.Count > 0)
            Console.WriteLine($"fresh: search nodes p50 {Quantile(freshWork, 0.5):0}, p99 {Quantile(freshWork, 0.99):0}, max {freshWork.Max():0} (budget {new SchedulingRequest { SearchWindow = default, CandidateAvailability = [], Rounds = [], Interviewers = [] }.WorkLimit})");
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
        Console.WriteLine($"{name,-34} {ms.Count,5} {Quantile(ms, 0.5),9:0.00} {Quantile(ms, 0.99),9:0.00} {ms.Max(),9:0.00}");
    }

    private static double Quantile(List<double> values, double q)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
    }

    private static int Option(string[] args, string name, int fallback)
    {
        int at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], out var v) ? v : fallback;
    }
}
