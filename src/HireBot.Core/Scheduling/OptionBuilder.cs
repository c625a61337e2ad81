using System.Globalization;

namespace HireBot.Core.Scheduling;

/// <summary>Turns grid solutions into ranked options with a reason a recruiter can read.</summary>
internal static class OptionBuilder
{
    public static List<ScheduleOption> Build(SchedulingModel model, IReadOnlyList<Solution> solutions)
    {
        var options = new List<ScheduleOption>(solutions.Count);
        for (int i = 0; i < solutions.Count; i++)
        {
            var sol = solutions[i];
            var shadows = ShadowSeating.Seat(model, sol);
            var rounds = new List<ScheduledRound>(sol.Starts.Length);
            for (int r = 0; r < sol.Starts.Length; r++)
            {
                var req = model.Rounds[r].Requirement;
                var start = model.TimeOf(sol.Starts[r]);
                rounds.Add(new ScheduledRound(req.Id, req.Name, start, start + req.Duration,
                    sol.Panels[r].Select(p => model.People[p].Email).ToList(), shadows[r],
                    req.ShadowSeats - shadows[r].Count));
            }
            var days = sol.Starts.Select(s => model.DayOfSlot[s]).Distinct().ToList();
            var score = new ScheduleScore(days.Count, days[^1] - days[0] + 1, sol.Load,
                (int)(sol.GapSlots * model.Resolution.TotalMinutes), sol.Repeats);
            var reason = Describe(model, days, score, rounds);
            if (i > 0) reason += $" Ranked below option {i}: {Difference(solutions[i - 1], sol)}.";
            options.Add(new ScheduleOption(i + 1, rounds, score, reason));
        }
        return options;
    }

    private static string Describe(SchedulingModel model, List<int> days, ScheduleScore score, List<ScheduledRound> rounds)
    {
        var dates = string.Join(", ", days.Select(d =>
            model.FirstDay.AddDays(d).ToString("ddd yyyy-MM-dd", CultureInfo.InvariantCulture)));
        string dayText = score.DaysUsed == 1 ? $"1 day ({dates})"
            : score.DaySpan == score.DaysUsed ? $"{score.DaysUsed} consecutive days ({dates})"
            : $"{score.DaysUsed} days across {score.DaySpan} ({dates})";
        int seats = rounds.Sum(r => r.Panelists.Count);
        long percent = seats == 0 ? 0 : score.LoadPerMille / seats / 10;
        string gapText = score.IdleMinutes == 0 ? "no idle time between rounds" : $"{score.IdleMinutes} min idle between rounds";
        var text = $"{dayText}; panelists at {percent}% of their weekly caps on average; {gapText}.";
        int unfilled = rounds.Sum(r => r.UnfilledShadowSeats);
        if (unfilled > 0) text += $" {unfilled} shadow seat(s) unfilled.";
        if (score.PanelistsRepeat) text += " A panelist sits more than one round: the pool is too small for distinct panels.";
        return text;
    }

    private static string Difference(Solution better, Solution worse)
    {
        if (better.Key1 != worse.Key1 || better.Key2 != worse.Key2) return "it uses more or more spread-out days";
        if (better.Load != worse.Load) return "its panelists are more loaded";
        if (better.GapSlots != worse.GapSlots) return "more idle time for the candidate";
        return "it starts later";
    }
}
