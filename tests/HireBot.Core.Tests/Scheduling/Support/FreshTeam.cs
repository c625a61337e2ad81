using HireBot.Core.People;
using HireBot.Core.Scheduling;

namespace HireBot.Core.Tests.Scheduling.Support;

/// <summary>
/// A team that just started: the built-in backend loop (five rounds before the hiring manager),
/// 3 to 8 interviewers spread over its pools, weekday 9-to-5 in UTC, empty or nearly empty
/// calendars, windows of 1 to 20 days at 15 minutes, three options.
/// </summary>
public static class FreshTeam
{
    private static readonly DateTimeOffset Wednesday = new(2026, 12, 2, 0, 0, 0, TimeSpan.Zero);
    private static readonly string[] Backend = ["screen", "coding", "code-review"];

    public static IReadOnlyList<RoundRequirement> Rounds { get; } =
    [
        Round("screen", 45), Round("coding", 60), Round("system-design", 60, 2), Round("code-review", 45), Round("behavioral", 45),
    ];

    /// <summary>Five interviewers (two backend, two senior, one behavioral: too few for distinct panels), empty calendars.</summary>
    public static SchedulingRequest Five(int days) => Request(days,
        [Person("b1", Backend), Person("b2", Backend), Person("s1", ["system-design"]), Person("s2", ["system-design"]), Person("h1", ["behavioral"])]);

    public static SchedulingRequest Generate(int seed)
    {
        var rng = new Random(seed);
        int count = 3 + seed % 6;
        int days = 1 + rng.Next(20);
        bool nearlyEmpty = seed % 2 == 0;
        var window = Wednesday.AddDays(days);
        var people = Enumerable.Range(0, count).Select(i =>
        {
            // Everyone in the backend pool, two seniors and one behavioral interviewer, some in two pools.
            var rounds = new List<string>();
            if (i < 2 || rng.Next(2) == 0) rounds.AddRange(Backend);
            if (i is 0 or 1 || rng.Next(4) == 0) rounds.Add("system-design");
            if (i == count - 1 || rng.Next(4) == 0) rounds.Add("behavioral");
            var busy = new List<UtcInterval>();
            if (nearlyEmpty)
                for (int b = rng.Next(1, 4); b > 0; b--)
                {
                    var at = Wednesday.AddDays(rng.Next(days)).AddHours(9 + rng.Next(8));
                    busy.Add(new UtcInterval(at, at.AddMinutes(30 * rng.Next(1, 3))));
                }
            return Person($"p{i}", [.. rounds]) with { Busy = busy };
        }).ToList();
        return Request(days, people);
    }

    private static SchedulingRequest Request(int days, IReadOnlyList<Interviewer> people)
    {
        var window = new UtcInterval(Wednesday, Wednesday.AddDays(days));
        var candidate = Enumerable.Range(0, days).Select(d => Wednesday.AddDays(d))
            .Where(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            .Select(d => new UtcInterval(d.AddHours(9), d.AddHours(17))).ToList();
        return new SchedulingRequest
        {
            SearchWindow = window,
            CandidateAvailability = candidate,
            Rounds = Rounds,
            Interviewers = people,
            MaxOptions = 3,
        };
    }

    private static Interviewer Person(string name, string[] rounds) => new()
    {
        Email = $"{name}@example.com",
        TimeZoneId = "UTC",
        WorkingHours = WorkingHours.Default,
        QualifiedRoundIds = rounds,
    };

    private static RoundRequirement Round(string id, int minutes, int panel = 1) =>
        new() { Id = id, Name = id, Duration = TimeSpan.FromMinutes(minutes), PanelSize = panel };
}
