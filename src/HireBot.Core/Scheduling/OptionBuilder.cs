using HireBot.Core.Text;
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
            var reason = Describe(model, days, score, rounds) + " " + Why(solutions, i);
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
        if (unfilled > 0) text += $" {Counted.Of(unfilled, "shadow seat")} unfilled.";
        if (score.PanelistsRepeat) text += " A panelist sits more than one round: the pool is too small for distinct panels.";
        return text;
    }

    /// <summary>Why an option sits where it does: earliest day first unless fewer or closer days win.</summary>
    private static string Why(IReadOnlyList<Solution> solutions, int i)
    {
        var sol = solutions[i];
        int sameDay = Enumerable.Range(0, i).FirstOrDefault(j => solutions[j].FirstDay == sol.FirstDay, -1);
        if (sameDay >= 0) return $"Another time on the same day as option {sameDay + 1}: no other day in the window fits the loop.";
        int earlier = Enumerable.Range(i + 1, solutions.Count - i - 1).FirstOrDefault(j => solutions[j].FirstDay < sol.FirstDay, -1);
        if (i == 0)
            return earlier < 0
                ? "Earliest day of these options."
                : $"Ranked first although option {earlier + 1} starts earlier: {Difference(sol, solutions[earlier])}.";
        return $"Ranked below option {i}: {Difference(solutions[i - 1], sol)}.";
    }

    private static string Difference(Solution better, Solution worse)
    {
        if (better.Key1 != worse.Key1 || better.Key2 != worse.Key2) return "it uses more or more spread-out days";
        if (better.FirstDay != worse.FirstDay) return "it starts on a later day";
        if (better.Load != worse.Load) return "its panelists are more loaded";
        if (better.GapSlots != worse.GapSlots) return "more idle time for the candidate";
        return "it starts later";
    }
}
