using HireBot.Core.Scheduling;
using static HireBot.Core.Tests.Scheduling.Fixture;

namespace HireBot.Core.Tests.Scheduling;

public class ConstraintTests
{
    [Fact]
    public void A_busy_interviewer_is_not_double_booked()
    {
        var busy = new UtcInterval(Utc(3, 5, 9), Utc(3, 5, 11));
        var request = Request(Utc(3, 5, 9), Utc(3, 5, 12), [Round("r0")], [Person("a@x.io", "UTC", busy: [busy])]);

        var option = LoopScheduler.Schedule(request).Options[0];

        Assert.Equal(Utc(3, 5, 11), option.Rounds[0].Start);
    }

    [Fact]
    public void Consecutive_rounds_keep_the_buffer_and_distinct_panelists()
    {
        var people = new[] { Person("a@x.io", "UTC", round: "r0"), Person("b@x.io", "UTC", round: "r1") };
        var request = Request(Utc(3, 5, 9), Utc(3, 5, 17), [Round("r0"), Round("r1")], people, TimeSpan.FromMinutes(30));

        var rounds = LoopScheduler.Schedule(request).Options[0].Rounds;

        Assert.Equal(Utc(3, 5, 9), rounds[0].Start);
        Assert.Equal(Utc(3, 5, 10, 30), rounds[1].Start);
    }

    [Fact]
    public void The_less_loaded_interviewer_gets_the_seat()
    {
        var week = IsoWeek.Of(new DateOnly(2025, 3, 5));
        var people = new[] { Person("busy@x.io", "UTC", cap: 4, load: 3, week: week), Person("free@x.io", "UTC", cap: 4, load: 1, week: week) };
        var request = Request(Utc(3, 5, 9), Utc(3, 5, 17), [Round("r0")], people);

        var option = LoopScheduler.Schedule(request).Options[0];

        Assert.Equal(["free@x.io"], option.Rounds[0].Panelists);
    }

    [Fact]
    public void A_small_pool_lets_one_panelist_sit_two_rounds_and_says_so()
    {
        var people = new[] { Person("a@x.io", "UTC") with { QualifiedRoundIds = ["r0", "r1"] } };
        var request = Request(Utc(3, 5, 9), Utc(3, 5, 17), [Round("r0"), Round("r1")], people);

        var option = LoopScheduler.Schedule(request).Options[0];

        Assert.True(option.Score.PanelistsRepeat);
        Assert.Contains("pool is too small", option.Reason);
    }

    [Fact]
    public void Fewer_days_win_over_an_earlier_start()
    {
        // Day one leaves room for only one of the two rounds; day two holds both.
        var people = new[] { Person("a@x.io", "UTC", round: "r0"), Person("b@x.io", "UTC", round: "r1") };
        var request = Request(Utc(3, 5, 0), Utc(3, 7, 0), [Round("r0"), Round("r1")], people) with
        {
            CandidateAvailability = [new(Utc(3, 5, 15), Utc(3, 5, 17)), new(Utc(3, 6, 9), Utc(3, 6, 12))],
            Buffer = TimeSpan.FromMinutes(15),
        };

        var option = LoopScheduler.Schedule(request).Options[0];

        Assert.Equal(1, option.Score.DaysUsed);
        Assert.Equal(Utc(3, 6, 9), option.Rounds[0].Start);
        Assert.StartsWith("1 day (Thu 2025-03-06)", option.Reason);
    }
}
