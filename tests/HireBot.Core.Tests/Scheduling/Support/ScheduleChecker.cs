using HireBot.Core.Scheduling;

namespace HireBot.Core.Tests.Scheduling.Support;

/// <summary>Checks an option against every hard constraint, straight from the request.</summary>
public static class ScheduleChecker
{
    /// <summary>The violated constraints, empty when the option is valid.</summary>
    public static List<string> Violations(SchedulingRequest q, ScheduleOption option)
    {
        var errors = new List<string>();
        var people = q.Interviewers.ToDictionary(p => p.Email);
        var uses = new Dictionary<(string, IsoWeek), int>();
        var seen = new HashSet<string>();
        for (int r = 0; r < option.Rounds.Count; r++)
        {
            var placed = option.Rounds[r];
            var round = q.Rounds[r];
            if (placed.RoundId != round.Id) errors.Add($"round {r} out of template order");
            if (placed.End - placed.Start != round.Duration) errors.Add($"{round.Id}: wrong length");
            if (!q.CandidateAvailability.Any(w => w.Start <= placed.Start && placed.End <= w.End)
                && !CoveredByUnion(q.CandidateAvailability, placed.Start, placed.End))
                errors.Add($"{round.Id}: outside candidate availability");
            if (r > 0 && placed.Start < option.Rounds[r - 1].End + q.Buffer) errors.Add($"{round.Id}: overlaps or breaks the buffer");
            if (placed.Panelists.Count != round.PanelSize) errors.Add($"{round.Id}: panel size");
            foreach (var email in placed.Panelists.Concat(placed.Shadows))
            {
                var p = people[email];
                var zone = TimeZoneInfo.FindSystemTimeZoneById(p.TimeZoneId);
                for (var t = placed.Start; t < placed.End; t += TimeSpan.FromMinutes(1))
                {
                    var local = TimeZoneInfo.ConvertTime(t, zone);
                    var tod = local.TimeOfDay;
                    if (p.WorkingHours.DaysOff.Contains(DateOnly.FromDateTime(local.DateTime)) || !p.WorkingHours.Stretches.Any(w => w.Day == local.DayOfWeek && tod >= w.Start.ToTimeSpan() && tod < w.End.ToTimeSpan()))
                    { errors.Add($"{round.Id}: {email} outside working hours at {local:u}"); break; }
                }
                if (p.Busy.Any(b => b.Start < placed.End && placed.Start < b.End)) errors.Add($"{round.Id}: {email} double-booked");
                if (placed.Panelists.Contains(email) && p.IsTrainee) errors.Add($"{round.Id}: trainee on the panel");
                if (!option.Score.PanelistsRepeat && !seen.Add(email)) errors.Add($"{email} sits twice");
                var week = IsoWeek.Of(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(placed.Start, zone).DateTime));
                int count = uses[(email, week)] = uses.GetValueOrDefault((email, week)) + 1;
                if (p.LoadByWeek.GetValueOrDefault(week) + count > p.WeeklyCap) errors.Add($"{email} over weekly cap in {week}");
            }
        }
        return errors;
    }

    private static bool CoveredByUnion(IReadOnlyList<UtcInterval> windows, DateTimeOffset from, DateTimeOffset to)
    {
        for (var t = from; t < to; t += TimeSpan.FromMinutes(1))
            if (!windows.Any(w => w.Start <= t && t < w.End)) return false;
        return true;
    }
}
