using HireBot.Core.Scheduling;
using HireBot.Core.Tests.Scheduling.Support;

namespace HireBot.Core.Tests.Scheduling;

/// <summary>
/// A new team: few interviewers, empty or nearly empty calendars, many equally good slots. The
/// search must not grow with the number of equal slots (it once walked every start of every
/// round on every day when the pool was too small for distinct panels).
/// </summary>
public class FreeCalendarTests
{
    /// <summary>
    /// A quarter of the default budget (the old search needed minutes on 14 days). The dearest
    /// cases (about 370k nodes over 200 seeds) are windows where only one or two days fit, so the
    /// extra options are other times on the same day and the walk cannot skip equal slots.
    /// </summary>
    private const long WorkBound = 500_000;

    public static TheoryData<int> Seeds() => new(Enumerable.Range(1, 60));

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Free_calendars_are_searched_to_the_end_with_bounded_work(int seed)
    {
        var request = FreshTeam.Generate(seed);

        var result = LoopScheduler.Schedule(request);

        Assert.False(result.StoppedEarly);
        Assert.InRange(result.Work, 1, WorkBound);
        if (request.Interviewers.All(p => p.Busy.Count == 0))
            Assert.True(result.IsFeasible, string.Join("; ", result.Blockers.Select(b => b.Message)));
        foreach (var option in result.Options) Assert.Empty(ScheduleChecker.Violations(request, option));
    }

    [Fact]
    public void The_generated_cases_cover_the_shapes_of_a_new_team()
    {
        var requests = Enumerable.Range(1, 60).Select(FreshTeam.Generate).ToList();

        Assert.Equal(3, requests.Min(r => r.Interviewers.Count));
        Assert.Equal(8, requests.Max(r => r.Interviewers.Count));
        Assert.Contains(requests, r => r.Interviewers.All(p => p.Busy.Count == 0));
        Assert.Contains(requests, r => r.Interviewers.Any(p => p.Busy.Count > 0));
        Assert.Contains(requests, r => (r.SearchWindow.End - r.SearchWindow.Start).TotalDays <= 1);
        Assert.Contains(requests, r => (r.SearchWindow.End - r.SearchWindow.Start).TotalDays >= 20);
        // Pools too small for distinct panels: the case that used to walk the whole window.
        Assert.Contains(requests, r => LoopScheduler.Schedule(r).Options[0].Score.PanelistsRepeat);
    }

    [Fact]
    public void Five_interviewers_with_empty_calendars_get_three_different_days_earliest_first()
    {
        var request = FreshTeam.Five(days: 14);

        var result = LoopScheduler.Schedule(request);

        var days = result.Options.Select(o => o.Rounds[0].Start.Date).ToList();
        Assert.Equal(3, days.Count);
        Assert.Equal(days.Order().Distinct(), days);
        Assert.Equal(request.SearchWindow.Start.Date, days[0]);
        Assert.All(result.Options, o => Assert.Single(o.Rounds.Select(r => r.Start.Date).Distinct()));
        Assert.EndsWith("Earliest day of these options.", result.Options[0].Reason);
        Assert.EndsWith("Ranked below option 1: it starts on a later day.", result.Options[1].Reason);
    }

    [Fact]
    public void Existing_load_does_not_push_the_loop_to_a_later_week()
    {
        // Every panelist already has two interviews this week and none next week (another candidate
        // was booked on Wednesday): the loop still goes to the earliest day that fits, this week.
        var plain = FreshTeam.Five(days: 14);
        var thisWeek = IsoWeek.Of(DateOnly.FromDateTime(plain.SearchWindow.Start.UtcDateTime));
        var request = plain with
        {
            Interviewers = plain.Interviewers.Select(p => p with { LoadByWeek = new Dictionary<IsoWeek, int> { [thisWeek] = 2 } }).ToList(),
        };

        var first = LoopScheduler.Schedule(request).Options[0];

        Assert.Equal(request.SearchWindow.Start.Date, first.Rounds[0].Start.Date);
    }

    [Fact]
    public void A_later_day_comes_first_only_when_it_needs_fewer_days_and_says_why()
    {
        // Day one has room for two rounds only; day two holds the whole loop.
        var plain = FreshTeam.Five(days: 2);
        var start = plain.SearchWindow.Start;
        var request = plain with
        {
            CandidateAvailability = [new(start.AddHours(14), start.AddHours(17)), new(start.AddDays(1).AddHours(9), start.AddDays(1).AddHours(17))],
        };

        var options = LoopScheduler.Schedule(request).Options;

        Assert.Equal(start.AddDays(1).Date, options[0].Rounds[0].Start.Date);
        Assert.Equal(start.Date, options[1].Rounds[0].Start.Date);
        Assert.Contains("Ranked first although option 2 starts earlier: it uses more or more spread-out days.", options[0].Reason);
    }

    [Fact]
    public void A_search_out_of_budget_answers_with_the_best_found_and_says_it_stopped()
    {
        var request = InstanceGenerator.Generate(InstanceShape.Large, 3) with { WorkLimit = 2_000 };

        var result = LoopScheduler.Schedule(request);

        Assert.True(result.StoppedEarly);
        Assert.InRange(result.Work, 1, 2_001 + 64);
        foreach (var option in result.Options) Assert.Empty(ScheduleChecker.Violations(request, option));
    }

    [Fact]
    public void A_cancelled_deadline_stops_the_search()
    {
        var request = InstanceGenerator.Generate(InstanceShape.Large, 3);
        using var deadline = new CancellationTokenSource();
        deadline.Cancel();

        var stopped = LoopScheduler.Schedule(request, deadline.Token);
        var full = LoopScheduler.Schedule(request);

        Assert.True(stopped.StoppedEarly);
        Assert.InRange(stopped.Work, 1, 1024);
        Assert.False(full.StoppedEarly);
    }
}
