using HireBot.Core.Scheduling;
using static HireBot.Core.Tests.Scheduling.Fixture;

namespace HireBot.Core.Tests.Scheduling;

public class TimeZoneTests
{
    [Theory]
    // US daylight saving starts 2025-03-09: 09:00 New York is 14:00 UTC before, 13:00 UTC after.
    [InlineData("America/New_York", 3, 7, 14)]
    [InlineData("America/New_York", 3, 10, 13)]
    // EU daylight saving starts 2025-03-30: 09:00 Berlin is 08:00 UTC before, 07:00 UTC after.
    [InlineData("Europe/Berlin", 3, 28, 8)]
    [InlineData("Europe/Berlin", 3, 31, 7)]
    // EU daylight saving ends 2025-10-26: 09:00 Berlin is 07:00 UTC before, 08:00 UTC after.
    [InlineData("Europe/Berlin", 10, 24, 7)]
    [InlineData("Europe/Berlin", 10, 27, 8)]
    // Kolkata has no daylight saving: 09:00 is always 03:30 UTC.
    [InlineData("Asia/Kolkata", 3, 10, 3)]
    public void Earliest_start_is_nine_local_on_either_side_of_a_daylight_saving_change(string zone, int month, int day, int utcHour)
    {
        var request = Request(Utc(month, day, 0), Utc(month, day, 0).AddDays(1), [Round("r0")], [Person("a@x.io", zone)]);

        var first = LoopScheduler.Schedule(request).Options[0].Rounds[0];

        Assert.Equal(utcHour, first.Start.Hour);
        Assert.Equal(zone == "Asia/Kolkata" ? 30 : 0, first.Start.Minute);
    }

    [Fact]
    public void A_panel_across_three_zones_meets_only_in_their_shared_working_hours()
    {
        // Berlin 09-17 = 08-16 UTC, New York 09-17 = 14-22 UTC (2025-03-05), Kolkata 09-21 = 03:30-15:30 UTC.
        var people = new[]
        {
            Person("ny@x.io", "America/New_York"), Person("be@x.io", "Europe/Berlin"), Person("in@x.io", "Asia/Kolkata", 9, 21),
        };
        var request = Request(Utc(3, 5, 0), Utc(3, 6, 0), [Round("r0", 60, panel: 3)], people);

        var options = LoopScheduler.Schedule(request).Options;

        Assert.Equal(Utc(3, 5, 14), options[0].Rounds[0].Start);
        Assert.All(options, o => Assert.InRange(o.Rounds[0].Start, Utc(3, 5, 14), Utc(3, 5, 14, 30)));
    }
}
