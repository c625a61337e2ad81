using System.Globalization;
using HireBot.Core.Scheduling;

namespace HireBot.Core.Tests.Scheduling.Support;

/// <summary>One schedule's objective as the exhaustive search computes it.</summary>
public sealed record ExhaustiveOption(int Key1, int Key2, long Load, int IdleMinutes, DateTimeOffset[] Starts)
{
    /// <summary>Candidate-local date of the first round (the objective's first-day key).</summary>
    public DateOnly FirstDay { get; init; }
}

/// <summary>
/// Reference search written independently of the scheduler: it tries every start vector and
/// every panel, checking constraints with TimeZoneInfo.ConvertTime per slot, and ranks by the
/// documented objective (day keys, first day, load, idle, starts). Options as documented: the
/// best schedule of each first day, best first; when fewer days fit than options are asked for,
/// the next best schedules follow. Exponential; only for small instances.
/// </summary>
public static class ExhaustiveScheduler
{
    public static List<ExhaustiveOption> Solve(SchedulingRequest q)
    {
        var best = Solve(q, repeats: false);
        return best.Count > 0 ? best : Solve(q, repeats: true);
    }

    private static List<ExhaustiveOption> Solve(SchedulingRequest q, bool repeats)
    {
        var res = q.SlotResolution;
        int n = (int)((q.SearchWindow.End - q.SearchWindow.Start) / res);
        var times = Enumerable.Range(0, n).Select(i => q.SearchWindow.Start + res * i).ToArray();
        var candidateZone = TimeZoneInfo.FindSystemTimeZoneById(q.CandidateTimeZoneId);
        var dates = times.Select(t => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(t, candidateZone).DateTime)).ToArray();
        int rounds = q.Rounds.Count;
        var len = q.Rounds.Select(r => (int)Math.Ceiling(r.Duration / res)).ToArray();
        int buffer = (int)Math.Ceiling(q.Buffer / res);
        bool CandidateFree(int i) => q.CandidateAvailability.Any(w => w.Start <= times[i] && times[i] + res <= w.End);
        var freePeople = q.Interviewers.Select(p => Enumerable.Range(0, n).Select(i => PersonFree(p, times[i], res)).ToArray()).ToArray();
        var candidate = Enumerable.Range(0, n).Select(CandidateFree).ToArray();

        // panels[r][s] = every panel (index set) that could sit round r at start s, alone.
        var options = new List<ExhaustiveOption>();
        var starts = new int[rounds];
        void Walk(int r, int from)
        {
            if (r == rounds) { Evaluate(); return; }
            for (int s = from; s + len[r] <= n; s++)
            {
                if (!Enumerable.Range(s, len[r]).All(i => candidate[i])) continue;
                starts[r] = s;
                Walk(r + 1, s + len[r] + buffer);
            }
        }
        void Evaluate()
        {
            long bestLoad = long.MaxValue;
            var uses = new Dictionary<(int, IsoWeek), int>();
            void Assign(int r, long load)
            {
                if (r == rounds) { bestLoad = Math.Min(bestLoad, load); return; }
                var pool = Enumerable.Range(0, q.Interviewers.Count).Where(p =>
                    !q.Interviewers[p].IsTrainee && Qualified(q.Interviewers[p], q.Rounds[r])
                    && Enumerable.Range(starts[r], len[r]).All(i => freePeople[p][i])).ToList();
                foreach (var panel in Combinations(pool, q.Rounds[r].PanelSize))
                {
                    long add = 0;
                    bool ok = true;
                    var taken = new List<(int, IsoWeek)>();
                    foreach (int p in panel)
                    {
                        var person = q.Interviewers[p];
                        var week = WeekOf(person, times[starts[r]]);
                        int used = uses.GetValueOrDefault((p, week));
                        if (!repeats && uses.Where(u => u.Key.Item1 == p).Sum(u => u.Value) > 0) { ok = false; break; }
                        int before = person.LoadByWeek.GetValueOrDefault(week) + used;
                        if (before + 1 > person.WeeklyCap) { ok = false; break; }
                        add += before * 1000L / Math.Max(person.WeeklyCap, 1);
                        uses[(p, week)] = used + 1;
                        taken.Add((p, week));
                    }
                    if (ok) Assign(r + 1, load + add);
                    foreach (var key in taken) uses[key]--;
                }
            }
            Assign(0, 0);
            if (bestLoad == long.MaxValue) return;
            var days = starts.Select(s => dates[s].DayNumber).ToArray();
            int used = days.Distinct().Count(), span = days[^1] - days[0] + 1;
            int idle = 0;
            for (int r = 1; r < rounds; r++)
                if (days[r] == days[r - 1]) idle += starts[r] - starts[r - 1] - len[r - 1] - buffer;
            var (k1, k2) = q.DayPreference == DayPreference.SingleDay ? (used, span) : (span, used);
            options.Add(new ExhaustiveOption(k1, k2, bestLoad, idle * (int)res.TotalMinutes, starts.Select(s => times[s]).ToArray())
                { FirstDay = dates[starts[0]] });
        }
        Walk(0, 0);
        var ranked = options
            .OrderBy(o => o.Key1).ThenBy(o => o.Key2).ThenBy(o => o.FirstDay).ThenBy(o => o.Load).ThenBy(o => o.IdleMinutes)
            .ThenBy(o => o.Starts, Comparer<DateTimeOffset[]>.Create((a, b) => a.AsSpan().SequenceCompareTo(b)))
            .ToList();
        var perDay = ranked.GroupBy(o => o.FirstDay).Select(g => g.First()).Take(q.MaxOptions).ToList();
        return [.. perDay, .. ranked.Where(o => !perDay.Contains(o)).Take(q.MaxOptions - perDay.Count)];
    }

    private static bool PersonFree(Interviewer p, DateTimeOffset t, TimeSpan res)
    {
        var local = TimeZoneInfo.ConvertTime(t, TimeZoneInfo.FindSystemTimeZoneById(p.TimeZoneId));
        var tod = local.TimeOfDay;
        bool working = !p.WorkingHours.DaysOff.Contains(DateOnly.FromDateTime(local.DateTime)) && p.WorkingHours.Stretches.Any(w => w.Day == local.DayOfWeek && tod >= w.Start.ToTimeSpan()
            && tod + res <= (w.End == TimeOnly.MinValue ? TimeSpan.FromDays(1) : w.End.ToTimeSpan()));
        return working && !p.Busy.Any(b => b.Start < t + res && t < b.End);
    }

    private static IsoWeek WeekOf(Interviewer p, DateTimeOffset t)
    {
        var local = TimeZoneInfo.ConvertTime(t, TimeZoneInfo.FindSystemTimeZoneById(p.TimeZoneId)).DateTime;
        return new IsoWeek(ISOWeek.GetYear(local), ISOWeek.GetWeekOfYear(local));
    }

    private static bool Qualified(Interviewer p, RoundRequirement r) =>
        p.QualifiedRoundIds.Contains(r.Id) || (r.FocusCompetencies.Count > 0 && r.FocusCompetencies.All(p.Competencies.Contains));

    private static IEnumerable<int[]> Combinations(List<int> pool, int k, int from = 0)
    {
        if (k == 0) { yield return []; yield break; }
        for (int i = from; i <= pool.Count - k; i++)
            foreach (var rest in Combinations(pool, k - 1, i + 1))
                yield return [pool[i], .. rest];
    }
}
