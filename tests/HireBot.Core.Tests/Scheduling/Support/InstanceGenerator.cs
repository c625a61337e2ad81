using HireBot.Core.People;
using HireBot.Core.Scheduling;

namespace HireBot.Core.Tests.Scheduling.Support;

/// <summary>
/// Seeded, realistic instances: a candidate in London, interviewers spread over New York,
/// Berlin and Kolkata with 9-to-5-ish local hours and meeting-shaped busy blocks, starting the
/// week of the US daylight-saving change (2025-03-09) so offsets move mid-window.
/// </summary>
public static class InstanceGenerator
{
    public static readonly string[] Zones = ["America/New_York", "Europe/Berlin", "Asia/Kolkata"];
    private static readonly DateTimeOffset Monday = new(2025, 3, 3, 0, 0, 0, TimeSpan.Zero);

    public static SchedulingRequest Generate(InstanceShape shape, int seed)
    {
        var rng = new Random(seed);
        int calendarDays = shape.BusinessDays + 2 * ((shape.BusinessDays - 1) / 5);
        var window = new UtcInterval(Monday, Monday.AddDays(calendarDays));
        var rounds = Enumerable.Range(0, shape.Rounds).Select(i => new RoundRequirement
        {
            Id = $"r{i}",
            Name = $"Round {i}",
            Duration = TimeSpan.FromMinutes(shape.SlotMinutes * rng.Next(1, 60 / shape.SlotMinutes + 2)),
            PanelSize = rng.Next(1, shape.MaxPanelSize + 1),
            ShadowSeats = rng.Next(0, 2),
            FocusCompetencies = [$"c{i}"],
        }).ToList();
        var people = Enumerable.Range(0, shape.Interviewers)
            .Select(i => Person(i, rng, shape, window, rounds.Count))
            .ToList();
        return new SchedulingRequest
        {
            SearchWindow = window,
            CandidateAvailability = CandidateWindows(rng, window, calendarDays),
            CandidateTimeZoneId = "Europe/London",
            Rounds = rounds,
            Interviewers = people,
            Buffer = TimeSpan.FromMinutes(shape.BufferMinutes),
            SlotResolution = TimeSpan.FromMinutes(shape.SlotMinutes),
            DayPreference = rng.Next(4) == 0 ? DayPreference.ConsecutiveDays : DayPreference.SingleDay,
            MaxOptions = rng.Next(1, 6),
        };
    }

    private static List<UtcInterval> CandidateWindows(Random rng, UtcInterval window, int days)
    {
        var result = new List<UtcInterval>();
        for (int d = 0; d < days; d++)
        {
            var day = window.Start.AddDays(d);
            if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || rng.Next(5) == 0) continue;
            int from = rng.Next(8, 12), to = rng.Next(from + 4, 19);
            result.Add(new UtcInterval(day.AddHours(from), day.AddHours(to)));
        }
        return result;
    }

    private static Interviewer Person(int i, Random rng, InstanceShape shape, UtcInterval window, int rounds)
    {
        int startHour = rng.Next(8, 11);
        var hours = WorkingHours.Weekly(
            Enum.GetValues<DayOfWeek>().Where(d => d is not (DayOfWeek.Saturday or DayOfWeek.Sunday)),
            new TimeOnly(startHour, 0), new TimeOnly(startHour + 8, 0));
        var busy = new List<UtcInterval>();
        int slots = (int)((window.End - window.Start).TotalMinutes / shape.SlotMinutes);
        for (int s = 0; s < slots; s++)
        {
            if (rng.NextDouble() >= shape.BusyFraction / 2) continue;
            var at = window.Start.AddMinutes(s * shape.SlotMinutes);
            busy.Add(new UtcInterval(at, at.AddMinutes(30 * rng.Next(1, 3))));
        }
        int cap = rng.Next(2, 7);
        var load = new Dictionary<IsoWeek, int>();
        for (var d = DateOnly.FromDateTime(window.Start.UtcDateTime); d < DateOnly.FromDateTime(window.End.UtcDateTime); d = d.AddDays(7))
            load[IsoWeek.Of(d)] = rng.Next(0, cap + 1);
        var qualified = Enumerable.Range(0, rounds).Where(_ => rng.Next(3) == 0).Select(r => $"c{r}").ToList();
        if (qualified.Count == 0) qualified.Add($"c{rng.Next(rounds)}");
        return new Interviewer
        {
            Email = $"person{i}@example.com",
            TimeZoneId = Zones[i % Zones.Length],
            WorkingHours = hours,
            Competencies = qualified,
            IsTrainee = rng.Next(6) == 0,
            WeeklyCap = cap,
            LoadByWeek = load,
            Busy = busy,
        };
    }
}
