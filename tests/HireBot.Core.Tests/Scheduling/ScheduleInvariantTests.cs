using HireBot.Core.Scheduling;
using HireBot.Core.Tests.Scheduling.Support;

namespace HireBot.Core.Tests.Scheduling;

public class ScheduleInvariantTests
{
    public static TheoryData<int> Seeds() => new(Enumerable.Range(1, 25));

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Every_option_of_a_large_instance_respects_every_hard_constraint(int seed)
    {
        var request = InstanceGenerator.Generate(InstanceShape.Large, seed);

        var result = LoopScheduler.Schedule(request);

        Assert.Equal(result.IsFeasible, result.Blockers.Count == 0);
        foreach (var option in result.Options)
            Assert.Empty(ScheduleChecker.Violations(request, option));
    }

    [Fact]
    public void Most_large_generated_instances_are_feasible()
    {
        int feasible = Enumerable.Range(1, 25)
            .Count(seed => LoopScheduler.Schedule(InstanceGenerator.Generate(InstanceShape.Large, seed)).IsFeasible);

        Assert.InRange(feasible, 20, 25);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Options_are_on_different_days_ranked_in_objective_order_and_differ_in_times(int seed)
    {
        var request = InstanceGenerator.Generate(InstanceShape.Large, seed);
        var result = LoopScheduler.Schedule(request);

        var zone = TimeZoneInfo.FindSystemTimeZoneById(request.CandidateTimeZoneId);
        var firstDays = result.Options.Select(o => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(o.Rounds[0].Start, zone).DateTime)).ToList();
        // One option per first day, in objective order; other times on a day only follow when no further day fits.
        int perDay = firstDays.Distinct().Count();
        Assert.Equal(firstDays.Take(perDay), firstDays.Distinct());
        var keys = result.Options.Take(perDay)
            .Select((o, i) => request.DayPreference == DayPreference.SingleDay
                ? (o.Score.DaysUsed, o.Score.DaySpan, firstDays[i], o.Score.LoadPerMille, o.Score.IdleMinutes)
                : (o.Score.DaySpan, o.Score.DaysUsed, firstDays[i], o.Score.LoadPerMille, o.Score.IdleMinutes)).ToList();
        Assert.Equal(keys.Order().ToList(), keys);
        var times = result.Options.Select(o => string.Join(",", o.Rounds.Select(r => r.Start))).ToList();
        Assert.Equal(times.Count, times.Distinct().Count());
        Assert.Equal(Enumerable.Range(1, result.Options.Count), result.Options.Select(o => o.Rank));
    }

    [Fact]
    public void Same_request_gives_the_same_result()
    {
        var request = InstanceGenerator.Generate(InstanceShape.Large, 7);

        var first = Flatten(LoopScheduler.Schedule(request));
        var second = Flatten(LoopScheduler.Schedule(request with { Interviewers = request.Interviewers.ToList() }));

        Assert.NotEmpty(first);
        Assert.Equal(first, second);
    }

    private static List<string> Flatten(SchedulingResult result) =>
        result.Options.SelectMany(o => o.Rounds.Select(r =>
            $"{o.Rank} {r.RoundId} {r.Start:u} {string.Join("+", r.Panelists)} / {string.Join("+", r.Shadows)} {o.Reason}")).ToList();
}
