using HireBot.Core.People;
using HireBot.Core.Scheduling;

namespace HireBot.Core.Tests.Scheduling;

/// <summary>Hand-built requests for the focused scheduler tests.</summary>
internal static class Fixture
{
    public static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2025, month, day, hour, minute, 0, TimeSpan.Zero);

    public static Interviewer Person(string email, string zone, int from = 9, int to = 17, int cap = 5,
        IReadOnlyList<UtcInterval>? busy = null, string round = "r0", int load = 0, IsoWeek? week = null) => new()
    {
        Email = email,
        TimeZoneId = zone,
        WorkingHours = WorkingHours.Weekly(Enum.GetValues<DayOfWeek>(), new TimeOnly(from, 0), new TimeOnly(to, 0)),
        QualifiedRoundIds = [round],
        WeeklyCap = cap,
        Busy = busy ?? [],
        LoadByWeek = week is { } w ? new Dictionary<IsoWeek, int> { [w] = load } : new Dictionary<IsoWeek, int>(),
    };

    public static RoundRequirement Round(string id, int minutes = 60, int panel = 1) =>
        new() { Id = id, Name = $"Round {id}", Duration = TimeSpan.FromMinutes(minutes), PanelSize = panel };

    public static SchedulingRequest Request(DateTimeOffset from, DateTimeOffset to, IReadOnlyList<RoundRequirement> rounds,
        IReadOnlyList<Interviewer> people, TimeSpan? buffer = null) => new()
    {
        SearchWindow = new UtcInterval(from, to),
        CandidateAvailability = [new UtcInterval(from, to)],
        Rounds = rounds,
        Interviewers = people,
        Buffer = buffer ?? TimeSpan.Zero,
    };
}
