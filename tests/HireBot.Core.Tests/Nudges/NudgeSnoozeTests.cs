using HireBot.Core.Nudges;
using HireBot.Core.People;

namespace HireBot.Core.Tests.Nudges;

public sealed class NudgeSnoozeTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2025-06-02T10:00Z", 2, false, "2025-06-02T12:00Z", null)]
    // Lands at 19:00 Berlin: moved to 09:00 the next morning.
    [InlineData("2025-06-02T13:00Z", 4, false, "2025-06-03T07:00Z", null)]
    [InlineData("2025-06-02T10:00Z", 2, true, null, "You already snoozed this reminder once; it can't be snoozed again.")]
    [InlineData("2025-06-02T10:00Z", 72, false, null, "Snoozing 72 h would pass the feedback deadline; pick a shorter snooze.")]
    [InlineData("2025-06-02T10:00Z", 0, false, null, "A snooze must be longer than zero hours.")]
    // More than the card offers (an edited payload): refused, not stretched.
    [InlineData("2025-06-02T10:00Z", 30, false, null, "A reminder can be snoozed for at most 24 h.")]
    public void A_panelist_may_snooze_once_within_the_deadline(string now, double hours, bool already, string? until, string? error)
    {
        var result = NudgeCadence.Snooze(At(now), hours, already, At("2025-06-04T15:00Z"), Berlin, WorkingHours.Default, maxHours: hours == 72 ? 96 : 24);

        Assert.Equal(error, result.Error);
        if (until is not null) Assert.Equal(At(until), result.Value);
    }

    [Theory]
    // Snoozed before reminder 2 to a time before reminder 3: reminder 2 moves, 3 stays.
    [InlineData("2025-06-02T14:00Z", "2025-06-03T12:00Z", "2025-06-02T13:00Z 2025-06-03T12:00Z 2025-06-04T09:00Z")]
    // Snoozed past reminder 3: it is dropped, the plan is now "of 2".
    [InlineData("2025-06-02T14:00Z", "2025-06-04T12:00Z", "2025-06-02T13:00Z 2025-06-04T12:00Z")]
    // Snoozed to a time before reminder 3: reminder 2 moves there, and it is still "of 3", not 4.
    [InlineData("2025-06-02T14:00Z", "2025-06-02T16:00Z", "2025-06-02T13:00Z 2025-06-02T16:00Z 2025-06-04T09:00Z")]
    // Snoozed before the first reminder.
    [InlineData("2025-06-02T12:30Z", "2025-06-02T15:00Z", "2025-06-02T15:00Z 2025-06-03T09:00Z 2025-06-04T09:00Z")]
    public void A_snooze_moves_the_next_reminder_and_renumbers(string now, string until, string expected)
    {
        var plan = NudgeCadence.Plan(At("2025-06-02T12:00Z"), TimeZoneInfo.Utc, WorkingHours.Default, NudgePolicy.Default);

        var snoozed = NudgeCadence.Snoozed(plan.Reminders, At(now), At(until));

        Assert.Equal(expected.Split(' ').Select(At), snoozed.Select(r => r.At));
        Assert.Equal(Enumerable.Range(1, snoozed.Count), snoozed.Select(r => r.Number));
        Assert.All(snoozed, r => Assert.Equal(snoozed.Count, r.Of));
    }
}
