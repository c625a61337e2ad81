using System.Globalization;
using System.Text.Json.Nodes;
using HireBot.Tests.Support;

namespace HireBot.Tests.Scheduling;

/// <summary>
/// A new team on the local calendar: five interviewers added with <c>role add</c>, one candidate,
/// empty calendars. <c>schedule</c> once ran for minutes here (a pool too small for distinct
/// panels made the search walk every slot of every day); it must answer within Slack's patience,
/// with options on different days, earliest first.
/// </summary>
public class FreshDeploymentTests : IAsyncLifetime
{
    private BotApp _bot = null!;

    public async Task InitializeAsync() => _bot = await BotApp.StartAsync(nameof(FreshDeploymentTests),
        new Dictionary<string, string?> { ["Scheduling:DeclinePollMinutes"] = "1440" });
    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task Schedule_answers_in_under_two_seconds_with_options_on_different_days_earliest_first()
    {
        var s = new LoopSetup(_bot, "fresh");
        await s.CreateFiveAsync();
        // Warm the path once on another candidate, so the measurement is the search, not the JIT.
        await LoopSetup.Ok(await _bot.SayAsync(LoopSetup.Recruiter, "candidate add fresh grace.fresh@example.com Grace Hopper"));
        await _bot.SayAsync(LoopSetup.Recruiter, "schedule grace.fresh@example.com");

        var asked = TestClock.Now;
        var card = await _bot.SayAsync(LoopSetup.Recruiter, $"schedule {s.Candidate}");
        var took = TestClock.Now - asked;

        Assert.True(took < TimeSpan.FromSeconds(2), $"schedule took {took.TotalMilliseconds:0} ms");
        Assert.Equal("schedule-options", card["kind"]!.GetValue<string>());
        var options = card["data"]!["options"]!.AsArray().Select(o => o!.AsObject()).ToList();
        Assert.Equal(3, options.Count);
        var days = options.Select(FirstDay).ToList();
        Assert.Equal(days.Distinct().Order(), days);
        // Earliest first: today when the whole loop (5 h 15 with buffers) still fits before 17:00
        // UTC (the local calendar's hours) from the next quarter hour, else the next working day.
        long quarter = TimeSpan.FromMinutes(15).Ticks;
        var from = new DateTime((asked.UtcTicks + quarter - 1) / quarter * quarter, DateTimeKind.Utc);
        var firstWorkday = DateOnly.FromDateTime(from.TimeOfDay <= new TimeSpan(11, 45, 0) ? from : from.Date.AddDays(1));
        while (firstWorkday.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) firstWorkday = firstWorkday.AddDays(1);
        Assert.Equal(firstWorkday, days[0]);
        Assert.Contains("Ranked below option 1: it starts on a later day.", options[1]["summary"]!.GetValue<string>());
        // It finished within its budget, so the card does not say it stopped early.
        Assert.DoesNotContain("I searched for", LoopSetup.Text(card));
    }

    private static DateOnly FirstDay(JsonObject option)
    {
        // Slots read "Wed 2 Dec 09:00–09:45 (UTC) Technical screen: …"; the summary names the days.
        var summary = option["summary"]!.GetValue<string>();
        int at = summary.IndexOf('(') + 5;
        return DateOnly.ParseExact(summary.Substring(at, 10), "yyyy-MM-dd", CultureInfo.InvariantCulture);
    }
}
