using System.Globalization;
using HireBot.Tests.Support;

namespace HireBot.Tests.Scheduling;

/// <summary>
/// The booking flow with the bot's clock started at hours and weekdays that used to matter (late
/// evening, just before midnight, the weekend), so a rule that reads the hour shows up here rather
/// than on the evening CI happens to run. The rest of the suite runs on <see cref="TestClock.Shared"/>.
/// </summary>
public class AnyHourTests
{
    [Theory]
    [InlineData(DayOfWeek.Monday, "00:30")]
    [InlineData(DayOfWeek.Wednesday, "06:00")]
    [InlineData(DayOfWeek.Thursday, "16:55")]
    [InlineData(DayOfWeek.Friday, "21:30")]
    [InlineData(DayOfWeek.Saturday, "12:00")]
    [InlineData(DayOfWeek.Sunday, "23:58")]
    public async Task Schedule_and_book_hold_their_rules_whatever_the_hour(DayOfWeek day, string time)
    {
        var clock = TestClock.At(day, TimeSpan.Parse(time, CultureInfo.InvariantCulture));
        await using var bot = await BotApp.StartAsync($"anyhour-{day}-{time.Replace(":", "")}",
            new Dictionary<string, string?> { ["Scheduling:DeclinePollMinutes"] = "1440" }, clock: clock);
        var s = new LoopSetup(bot, "hour");
        await s.CreateAsync();

        var bookedFrom = clock.GetUtcNow().UtcDateTime;
        await s.BookAsync();
        var bookedTo = clock.GetUtcNow().UtcDateTime;

        var interviews = await s.InterviewsAsync();
        Assert.Equal(5, interviews.Count);
        foreach (var row in interviews)
        {
            var starts = (DateTime)row[2];
            Assert.True(starts > bookedTo, $"a round at {starts:O} booked at {bookedTo:O} ({day} {time})");
            // The local calendar's default working hours: weekdays, 09:00–17:00 UTC.
            Assert.InRange(starts.DayOfWeek, DayOfWeek.Monday, DayOfWeek.Friday);
            Assert.InRange(starts.TimeOfDay, TimeSpan.FromHours(9), TimeSpan.FromHours(17));
        }

        // Each kit waits for a day before its round, or goes at once when that moment has passed.
        var kits = await s.RowsAsync(
            """
            SELECT o.not_before, i.starts_at FROM outbox o
            JOIN interview_panelists p ON o.idempotency_key = 'kit:' || p.interview_id || ':' || p.email
            JOIN interviews i ON i.id = p.interview_id
            WHERE i.id = ANY($1)
            """, interviews.Select(r => (Guid)r[0]).ToArray());
        Assert.Equal(6, kits.Count);
        foreach (var kit in kits)
        {
            var (notBefore, due) = ((DateTime)kit[0], ((DateTime)kit[1]).AddHours(-24));
            if (due > bookedTo) Assert.Equal(due, notBefore);
            else Assert.InRange(notBefore, bookedFrom.AddSeconds(-1), bookedTo);
        }

        // Reschedule withdraws what waits and proposes again, from the same clock.
        var again = await bot.SayAsync(LoopSetup.Recruiter, $"reschedule {s.Candidate}");
        Assert.Equal("schedule-options", again["kind"]!.GetValue<string>());
        Assert.All(await s.InterviewsAsync(), r => Assert.Equal("Cancelled", r[3]));
    }
}
