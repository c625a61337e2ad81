using System.Globalization;
using HireBot.Core.Nudges;
using HireBot.Core.People;

namespace HireBot.Core.Tests.Nudges;

public sealed class NudgeCadenceTests
{
    private static readonly DayOfWeek[] MonFri = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture);

    private static WorkingHours Hours(string start = "09:00", string end = "17:00", DayOfWeek[]? days = null, params string[] daysOff) =>
        WorkingHours.Weekly(days ?? MonFri, TimeOnly.Parse(start, CultureInfo.InvariantCulture), TimeOnly.Parse(end, CultureInfo.InvariantCulture),
            daysOff.Select(d => DateOnly.Parse(d, CultureInfo.InvariantCulture)));

    public static TheoryData<string, string, WorkingHours, string, string, string> Plans => new()
    {
        // zone, interview end (local, with offset), hours, reminders (UTC), recruiter, manager
        { "America/New_York", "2025-03-11T14:00-04:00", Hours(),
            "2025-03-11T19:00Z 2025-03-12T13:00Z 2025-03-13T13:00Z", "2025-03-14T18:00Z", "2025-03-19T18:00Z" },
        // Friday afternoon before the March change: Monday 09:00 is 13:00Z (EDT), not 14:00Z (EST).
        { "America/New_York", "2025-03-07T16:30-05:00", Hours(),
            "2025-03-10T13:00Z 2025-03-11T13:00Z 2025-03-12T13:00Z", "2025-03-12T20:30Z", "2025-03-17T20:30Z" },
        // Berlin's October change falls on the weekend: Monday 09:00 is 08:00Z (CET), Friday's 16:00 was 14:00Z (CEST).
        { "Europe/Berlin", "2025-10-24T15:00+02:00", Hours(),
            "2025-10-24T14:00Z 2025-10-27T08:00Z 2025-10-28T08:00Z", "2025-10-29T14:00Z", "2025-11-03T14:00Z" },
        // Half-hour offset, no daylight saving.
        { "Asia/Kolkata", "2025-06-02T10:00+05:30", Hours(),
            "2025-06-02T05:30Z 2025-06-03T03:30Z 2025-06-04T03:30Z", "2025-06-05T04:30Z", "2025-06-10T04:30Z" },
        // Late Thursday, Friday declared off, then the weekend: nothing until Monday morning.
        { "Europe/London", "2025-06-05T16:30+01:00", Hours(daysOff: "2025-06-06"),
            "2025-06-09T08:00Z 2025-06-10T08:00Z 2025-06-11T08:00Z", "2025-06-11T15:30Z", "2025-06-16T15:30Z" },
        // A day off in the middle of the cadence is skipped, not used.
        { "UTC", "2025-06-02T12:00Z", Hours(daysOff: "2025-06-03"),
            "2025-06-02T13:00Z 2025-06-04T09:00Z 2025-06-05T09:00Z", "2025-06-06T12:00Z", "2025-06-11T12:00Z" },
        // Sunday-to-Thursday week: Friday and Saturday are quiet.
        { "UTC", "2025-06-05T15:30Z", Hours("08:00", "16:00", [DayOfWeek.Sunday, DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday]),
            "2025-06-08T08:00Z 2025-06-09T08:00Z 2025-06-10T08:00Z", "2025-06-10T15:30Z", "2025-06-15T15:30Z" },
        // Ends before work starts: the first reminder waits for 09:00 the same day.
        { "UTC", "2025-06-03T07:00Z", Hours(),
            "2025-06-03T09:00Z 2025-06-04T09:00Z 2025-06-05T09:00Z", "2025-06-05T17:00Z", "2025-06-10T17:00Z" },
        // Work starting at 02:30 on the spring-forward Sunday: 02:30 does not exist, so 03:30 EDT (07:30Z);
        // that day has 6.5 working hours, not 7.5, which the escalations count.
        { "America/New_York", "2025-03-08T09:30-05:00", Hours("02:30", "10:00", Enum.GetValues<DayOfWeek>()),
            "2025-03-09T07:30Z 2025-03-10T06:30Z 2025-03-11T06:30Z", "2025-03-12T08:30Z", "2025-03-15T10:00Z" },
    };

    [Theory]
    [MemberData(nameof(Plans))]
    public void Reminders_and_escalations_land_in_the_panelists_working_hours(string zone, string end, WorkingHours hours, string reminders, string recruiter, string manager)
    {
        var plan = NudgeCadence.Plan(At(end), TimeZoneInfo.FindSystemTimeZoneById(zone), hours, NudgePolicy.Default);

        Assert.Equal(reminders.Split(' ').Select(At), plan.Reminders.Select(r => r.At));
        Assert.Equal(At(recruiter), plan.RecruiterEscalation);
        Assert.Equal(At(manager), plan.ManagerEscalation);
        Assert.All(plan.Reminders, r => Assert.Equal(TimeSpan.Zero, r.At.Offset));
        Assert.Equal(Enumerable.Range(1, 3), plan.Reminders.Select(r => r.Number));
        Assert.All(plan.Reminders, r => Assert.Equal(3, r.Of));
    }

    [Theory]
    [InlineData("America/New_York")]
    [InlineData("Europe/Berlin")]
    [InlineData("Asia/Kolkata")]
    [InlineData("Australia/Lord_Howe")]
    public void No_reminder_falls_in_quiet_hours_across_a_year(string zone)
    {
        var tz = TimeZoneInfo.FindSystemTimeZoneById(zone);
        var hours = Hours(daysOff: ["2025-04-07", "2025-11-03"]);
        for (var end = At("2025-01-01T00:00Z"); end < At("2026-01-01T00:00Z"); end += TimeSpan.FromHours(7))
        {
            var plan = NudgeCadence.Plan(end, tz, hours, NudgePolicy.Default);
            Assert.All(plan.Reminders, r => Assert.True(hours.Contains(TimeZoneInfo.ConvertTime(r.At, tz).DateTime), $"{r.At:O} for end {end:O}"));
            Assert.True(plan.Reminders.Zip(plan.Reminders.Skip(1)).All(p => p.First.At < p.Second.At));
            Assert.True(plan.Reminders[0].At >= end + TimeSpan.FromHours(1));
            Assert.True(plan.RecruiterEscalation < plan.ManagerEscalation);
        }
    }

    [Theory]
    [InlineData(1, "2025-06-02T13:00Z")]
    [InlineData(5, "2025-06-02T13:00Z 2025-06-03T09:00Z 2025-06-04T09:00Z 2025-06-05T09:00Z 2025-06-06T09:00Z")]
    public void The_number_of_reminders_is_configurable(int max, string expected)
    {
        var plan = NudgeCadence.Plan(At("2025-06-02T12:00Z"), TimeZoneInfo.Utc, Hours(), NudgePolicy.Default with { MaxReminders = max });

        Assert.Equal(expected.Split(' ').Select(At), plan.Reminders.Select(r => r.At));
        Assert.All(plan.Reminders, r => Assert.Equal(max, r.Of));
    }

    [Fact]
    public void Escalation_delays_are_configurable_in_working_hours()
    {
        var plan = NudgeCadence.Plan(At("2025-06-06T16:00Z"), TimeZoneInfo.Utc, Hours(), NudgePolicy.Default with { RecruiterAfterWorkingHours = 2, ManagerAfterWorkingHours = 4 });

        Assert.Equal(At("2025-06-09T10:00Z"), plan.RecruiterEscalation); // 1 h on Friday, 1 h on Monday
        Assert.Equal(At("2025-06-09T12:00Z"), plan.ManagerEscalation);
    }

    [Fact]
    public void A_lunch_break_is_not_working_time_for_reminders_or_escalations()
    {
        var split = new WorkingHours(
            MonFri.SelectMany(d => new[] { new WorkingStretch(d, new TimeOnly(9, 0), new TimeOnly(12, 0)), new WorkingStretch(d, new TimeOnly(13, 0), new TimeOnly(17, 0)) }).ToList(),
            new HashSet<DateOnly>());

        // Monday 2 June 2025: the interview ends at 11:00, so the first reminder (1 h later) falls into lunch.
        var plan = NudgeCadence.Plan(At("2025-06-02T11:00Z"), TimeZoneInfo.Utc, split, NudgePolicy.Default with { FirstAfter = TimeSpan.FromHours(1), RecruiterAfterWorkingHours = 2, ManagerAfterWorkingHours = 7 });

        Assert.Equal(At("2025-06-02T13:00Z"), plan.Reminders[0].At);
        Assert.Equal(At("2025-06-02T14:00Z"), plan.RecruiterEscalation); // 1 h before lunch, 1 h after
        Assert.Equal(At("2025-06-03T11:00Z"), plan.ManagerEscalation); // 1 + 4 on Monday, 2 on Tuesday
        Assert.False(split.Contains(new DateTime(2025, 6, 2, 12, 30, 0, DateTimeKind.Unspecified)));
    }

    [Theory]
    [InlineData(0, 3, 24, 48, null)]
    [InlineData(1, 0, 24, 48, "At least one reminder is needed.")]
    [InlineData(-1, 3, 24, 48, "The first reminder cannot come before the interview ends.")]
    [InlineData(1, 3, 48, 24, "The hiring manager is escalated to after the recruiter, not before.")]
    [InlineData(1, 3, 0, 24, "Escalation delays must be positive.")]
    public void A_bad_policy_is_explained(double firstHours, int max, double recruiter, double manager, string? error) =>
        Assert.Equal(error, new NudgePolicy(TimeSpan.FromHours(firstHours), max, recruiter, manager).Validate());

    [Fact]
    public void After_downtime_only_the_latest_due_reminder_is_sent()
    {
        var plan = NudgeCadence.Plan(At("2025-06-02T12:00Z"), TimeZoneInfo.Utc, Hours(), NudgePolicy.Default);

        Assert.Null(plan.DueAt(At("2025-06-02T12:59Z")));
        Assert.Equal(1, plan.DueAt(At("2025-06-02T13:00Z"))!.Number);
        Assert.Equal(2, plan.DueAt(At("2025-06-04T08:00Z"))!.Number);
        Assert.Equal(3, plan.DueAt(At("2025-06-30T00:00Z"))!.Number);
    }
}
