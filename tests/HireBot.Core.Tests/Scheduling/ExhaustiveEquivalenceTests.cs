using HireBot.Core.Scheduling;
using HireBot.Core.Tests.Scheduling.Support;

namespace HireBot.Core.Tests.Scheduling;

public class ExhaustiveEquivalenceTests
{
    public static TheoryData<int> Seeds() => new(Enumerable.Range(1, 120));

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Ranked_options_have_the_same_objective_as_exhaustive_search(int seed)
    {
        var request = InstanceGenerator.Generate(InstanceShape.Small, seed);

        var expected = ExhaustiveScheduler.Solve(request);
        var actual = LoopScheduler.Schedule(request);

        var got = actual.Options.Select(o => new ExhaustiveOption(
            request.DayPreference == DayPreference.SingleDay ? o.Score.DaysUsed : o.Score.DaySpan,
            request.DayPreference == DayPreference.SingleDay ? o.Score.DaySpan : o.Score.DaysUsed,
            o.Score.LoadPerMille, o.Score.IdleMinutes, o.Rounds.Select(r => r.Start).ToArray()));
        Assert.Equal(Describe(expected), Describe(got));
        Assert.Equal(expected.Count == 0, actual.Blockers.Count > 0);
    }

    [Fact]
    public void Random_instances_include_feasible_infeasible_and_multi_option_cases()
    {
        var results = Enumerable.Range(1, 120)
            .Select(seed => LoopScheduler.Schedule(InstanceGenerator.Generate(InstanceShape.Small, seed)))
            .ToList();

        Assert.Contains(results, r => !r.IsFeasible);
        Assert.Contains(results, r => r.Options.Count >= 3);
        Assert.Contains(results, r => r.Options.Any(o => o.Score.DaysUsed > 1));
    }

    private static List<string> Describe(IEnumerable<ExhaustiveOption> options) =>
        options.Select(o => $"{o.Key1}/{o.Key2} load {o.Load} idle {o.IdleMinutes} at {string.Join(",", o.Starts.Select(s => s.ToString("u")))}").ToList();
}
