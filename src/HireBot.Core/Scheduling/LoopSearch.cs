namespace HireBot.Core.Scheduling;

/// <summary>
/// Anytime branch and bound for the best few schedules. Outer level: day plans (which day each
/// round falls on) in objective order. Inner level: a depth-first walk over each round's start
/// slot in template order, keeping the exact minimum-load panel for the rounds placed so far. A
/// branch is cut when a lower bound on its objective (exact day keys and first day, placed load
/// plus the cheapest possible panels of the rest, gaps so far, starts so far) already ranks after
/// what it would have to beat: the best kept for its first day (one option per day) or the worst
/// kept option. A start is skipped when an earlier start of the same round on the same day had
/// every panelist it has free (same weeks): anything below it maps to a strictly better schedule
/// below the earlier start (same later rounds, same panels), so free calendars with many equal
/// slots cost one walk per day, not one per slot. Every node spends <see cref="SearchBudget"/>;
/// when it runs out the walk stops with the best found. Within budget the result is exactly
/// optimal (tests compare it with exhaustive search).
/// </summary>
internal sealed class LoopSearch
{
    private const int Found = 1, Cut = 2, Stopped = 4;

    private readonly SchedulingModel _m;
    private readonly int _rounds;
    private readonly TopOptions _top;
    private readonly bool _repeats;
    private readonly bool _oneBestPerPlan;
    private readonly SearchBudget _budget;
    private readonly PanelAssigner _assigner;
    private readonly int[] _starts;
    private readonly long[] _restBound;
    private readonly int[][][] _panels;
    private readonly int[][] _avail;
    private readonly int[] _availCount;
    private readonly long[] _costs;
    private DayPlan _plan = null!;
    private Solution? _bar;

    private LoopSearch(SchedulingModel model, int rounds, int capacity, bool repeats, bool onePerDay, SearchBudget budget)
    {
        _m = model;
        _rounds = rounds;
        _top = new TopOptions(capacity, onePerDay);
        _repeats = repeats;
        _oneBestPerPlan = onePerDay || capacity == 1;
        _budget = budget;
        _assigner = new PanelAssigner(model, repeats, budget);
        _starts = new int[rounds];
        _restBound = new long[rounds + 1];
        _panels = Enumerable.Range(0, rounds)
            .Select(_ => model.Rounds.Take(rounds).Select(r => new int[r.PanelSize]).ToArray()).ToArray();
        _avail = model.Rounds.Take(rounds).Select(r => new int[r.Eligible.Length]).ToArray();
        _availCount = new int[rounds];
        _costs = new long[model.People.Length];
    }

    /// <summary>
    /// The best <paramref name="capacity"/> schedules of the first <paramref name="rounds"/> rounds,
    /// each on a different first day where the window allows; when fewer days fit, other times on
    /// the same days follow them.
    /// </summary>
    public static IReadOnlyList<Solution> Best(SchedulingModel model, int rounds, int capacity, bool repeats, SearchBudget budget)
    {
        var byDay = Run(model, rounds, capacity, repeats, onePerDay: true, budget);
        if (byDay.Count >= capacity || byDay.Count == 0 || budget.Exhausted) return byDay;
        var more = Run(model, rounds, capacity, repeats, onePerDay: false, budget)
            .Where(s => !byDay.Any(d => d.Starts.AsSpan().SequenceEqual(s.Starts)));
        return [.. byDay, .. more.Take(capacity - byDay.Count)];
    }

    /// <summary>Any one schedule of the first <paramref name="rounds"/> rounds (the best within budget), or none.</summary>
    public static IReadOnlyList<Solution> Run(SchedulingModel model, int rounds, int capacity, bool repeats, bool onePerDay, SearchBudget budget)
    {
        var search = new LoopSearch(model, rounds, capacity, repeats, onePerDay, budget);
        foreach (var plan in DayPlan.Enumerate(model, rounds))
        {
            if (budget.Exhausted) break;
            var top = search._top;
            if (top.Full && Objective.BoundIsWorse(plan.Key1, plan.Key2, plan.Days[0], 0, 0, [], top.Worst))
                break; // plans come in (day keys, first day) order: every later plan is worse too
            search._bar = top.Bar(plan.Days[0]);
            if (search._bar is { } bar && Objective.BoundIsWorse(plan.Key1, plan.Key2, plan.Days[0], plan.LoadBound, 0, [], bar))
                continue;
            search._plan = plan;
            for (int r = rounds - 1; r >= 0; r--)
                search._restBound[r] = search._restBound[r + 1] + model.Rounds[r].MinOnDay[plan.Days[r]];
            search.Walk(0, 0, 0);
        }
        return search._top.Items;
    }

    private bool Worse(long load, int gaps, ReadOnlySpan<int> prefix) =>
        _bar is { } bar && Objective.BoundIsWorse(_plan.Key1, _plan.Key2, _plan.Days[0], load, gaps, prefix, bar);

    /// <summary>Walks round r's starts; returns Found / Cut / Stopped flags of the subtree (0: no schedule below).</summary>
    private int Walk(int r, long load, int gaps)
    {
        if (!_budget.Spend()) return Stopped;
        if (r == _rounds)
        {
            var panels = _panels[r - 1].Select(p => (int[])p.Clone()).ToArray();
            _top.Offer(new Solution(_plan.Key1, _plan.Key2, _plan.Days[0], load, gaps, (int[])_starts.Clone(), panels, _repeats));
            _bar = _top.Bar(_plan.Days[0]);
            return Found;
        }
        var round = _m.Rounds[r];
        int day = _plan.Days[r];
        bool sameDay = r > 0 && _plan.Days[r - 1] == day;
        // Moving this round later cannot lower the candidate's idle time unless it opens its day
        // and the next round shares the day; only then may a later start with no new panelist win.
        bool laterNeverHelps = sameDay || r + 1 == _rounds || _plan.Days[r + 1] != day;
        int ready = r > 0 ? _starts[r - 1] + _m.Rounds[r - 1].Slots + _m.BufferSlots : 0;
        int from = Math.Max(ready, _m.DayFirstSlot[day]);
        int end = _m.DayEndSlot[day];
        long rest = _restBound[r + 1];
        var tried = new List<(ulong Free, int Start)>();
        int result = 0;
        for (int s = from < end ? round.NextFeasible[from] : -1; s >= 0 && s < end;
             s = s + 1 < _m.SlotCount ? round.NextFeasible[s + 1] : -1)
        {
            // The earliest completion of the later rounds only moves later as s grows.
            if (!RestFits(r, s)) break;
            int g = gaps + (sameDay ? s - ready : 0);
            _starts[r] = s;
            var prefix = _starts.AsSpan(0, r + 1);
            // Later starts have no cheaper panel than the day's suffix minimum, no fewer gaps and
            // later start times, so once that bound loses, every later start loses too.
            if (Worse(load + round.SuffixMin[s] + rest, g, prefix)) { result |= Cut; break; }
            if (Worse(load + round.Cheapest[s] + rest, g + NextGap(r, s), prefix)) { result |= Cut; continue; }
            ulong free = FreeMask(round, s);
            if (Dominated(round, tried, free, s)) continue;
            int below;
            if (!Place(r, s, load, out long placed)) below = 0;
            else if (Worse(placed + rest, g, prefix)) below = Cut;
            else below = Walk(r + 1, placed, g);
            result |= below;
            if ((below & Stopped) != 0) break;
            // With several options per day a later start is a legitimate option, so only dead ends count.
            if (free != 0 && (below == 0 || (laterNeverHelps && _oneBestPerPlan))) tried.Add((free, s));
        }
        return result;
    }

    /// <summary>Round r's eligible people free (and under their cap) at s, as bits; 0 when there are too many to track.</summary>
    private ulong FreeMask(RoundModel round, int s)
    {
        if (round.Eligible.Length > 64) return 0;
        ulong mask = 0;
        for (int i = 0; i < round.Eligible.Length; i++)
        {
            var person = _m.People[round.Eligible[i]];
            if (person.FreeRun[s] >= round.Slots && person.HasRoom(person.WeekOfSlot[s], 0)) mask |= 1UL << i;
        }
        return mask;
    }

    /// <summary>
    /// True when an earlier start of this round (same parent) had everyone free that s has, in the
    /// same weeks: the earlier start's subtree holds a better schedule for each one below s.
    /// </summary>
    private bool Dominated(RoundModel round, List<(ulong Free, int Start)> tried, ulong free, int s)
    {
        foreach (var (earlierFree, earlier) in tried)
        {
            if ((free & ~earlierFree) != 0) continue;
            bool sameWeeks = true;
            foreach (int p in round.Eligible)
                if (_m.People[p].WeekOfSlot[earlier] != _m.People[p].WeekOfSlot[s]) { sameWeeks = false; break; }
            if (sameWeeks) return true;
        }
        return false;
    }

    /// <summary>Idle slots the next round must add when it shares round r's day (a lower bound).</summary>
    private int NextGap(int r, int s)
    {
        if (r + 1 >= _rounds || _plan.Days[r + 1] != _plan.Days[r]) return 0;
        int ready = s + _m.Rounds[r].Slots + _m.BufferSlots;
        return ready < _m.SlotCount ? Math.Max(0, _m.Rounds[r + 1].NextFeasible[ready] - ready) : 0;
    }

    /// <summary>True when rounds after r can still be placed, each as early as possible, on their days.</summary>
    private bool RestFits(int r, int s)
    {
        for (int j = r + 1; j < _rounds; j++)
        {
            int day = _plan.Days[j];
            int from = Math.Max(s + _m.Rounds[j - 1].Slots + _m.BufferSlots, _m.DayFirstSlot[day]);
            if (from >= _m.DayEndSlot[day]) return false;
            s = _m.Rounds[j].NextFeasible[from];
            if (s < 0 || s >= _m.DayEndSlot[day]) return false;
        }
        return true;
    }

    /// <summary>Exact minimum-load panels for rounds 0..r with round r starting at slot s.</summary>
    private bool Place(int r, int s, long load, out long placed)
    {
        var round = _m.Rounds[r];
        var list = _avail[r];
        int count = 0;
        foreach (int p in round.Eligible)
        {
            var person = _m.People[p];
            int week = person.WeekOfSlot[s];
            if (person.FreeRun[s] < round.Slots || !person.HasRoom(week, 0)) continue;
            long cost = person.Cost(week, 0);
            int at = count++;
            while (at > 0 && _costs[at - 1] > cost) { list[at] = list[at - 1]; _costs[at] = _costs[at - 1]; at--; }
            list[at] = p;
            _costs[at] = cost;
        }
        _availCount[r] = count;
        placed = 0;
        int k = round.PanelSize;
        if (count < k) return false;
        var level = _panels[r];
        if (r > 0 && Clashes(_panels[r - 1], r, list, k))
            return _assigner.Solve(r + 1, _avail, _availCount, _starts, level, out placed);
        for (int j = 0; j < r; j++) _panels[r - 1][j].CopyTo(level[j], 0);
        Array.Copy(list, level[r], k);
        placed = load + round.Cheapest[s];
        return true;
    }

    private static bool Clashes(int[][] earlier, int r, int[] list, int k)
    {
        for (int j = 0; j < r; j++)
            foreach (int q in earlier[j])
                for (int t = 0; t < k; t++)
                    if (list[t] == q) return true;
        return false;
    }
}
