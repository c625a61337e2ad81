namespace HireBot.Core.Scheduling;

/// <summary>
/// Branch and bound for the best few schedules. Outer level: day plans (which day each round
/// falls on) in objective order. Inner level: a depth-first walk over each round's start slot in
/// template order, keeping the exact minimum-load panel for the rounds placed so far. A branch is
/// cut when a lower bound on its objective (exact day keys, placed load plus the cheapest
/// possible panels of the rest, gaps so far, starts so far) already ranks after the worst kept
/// option. Bounds are valid lower bounds, so the result is exactly optimal (tests compare it with
/// exhaustive search).
/// </summary>
internal sealed class LoopSearch
{
    private readonly SchedulingModel _m;
    private readonly int _rounds;
    private readonly TopOptions _top;
    private readonly bool _repeats;
    private readonly PanelAssigner _assigner;
    private readonly int[] _starts;
    private readonly long[] _restBound;
    private readonly int[][][] _panels;
    private readonly int[][] _avail;
    private readonly int[] _availCount;
    private readonly long[] _costs;
    private DayPlan _plan = null!;

    private LoopSearch(SchedulingModel model, int rounds, int capacity, bool repeats)
    {
        _m = model;
        _rounds = rounds;
        _top = new TopOptions(capacity);
        _repeats = repeats;
        _assigner = new PanelAssigner(model, repeats);
        _starts = new int[rounds];
        _restBound = new long[rounds + 1];
        _panels = Enumerable.Range(0, rounds)
            .Select(_ => model.Rounds.Take(rounds).Select(r => new int[r.PanelSize]).ToArray()).ToArray();
        _avail = model.Rounds.Take(rounds).Select(r => new int[r.Eligible.Length]).ToArray();
        _availCount = new int[rounds];
        _costs = new long[model.People.Length];
    }

    /// <summary>The best <paramref name="capacity"/> schedules of the first <paramref name="rounds"/> rounds.</summary>
    public static IReadOnlyList<Solution> Run(SchedulingModel model, int rounds, int capacity, bool repeats)
    {
        var search = new LoopSearch(model, rounds, capacity, repeats);
        foreach (var plan in DayPlan.Enumerate(model, rounds))
        {
            if (search._top.Full && Objective.BoundIsWorse(plan.Key1, plan.Key2, plan.LoadBound, 0, [], search._top.Worst))
            {
                if (plan.Key1 != search._top.Worst.Key1 || plan.Key2 != search._top.Worst.Key2) break;
                continue;
            }
            search._plan = plan;
            for (int r = rounds - 1; r >= 0; r--)
                search._restBound[r] = search._restBound[r + 1] + model.Rounds[r].MinOnDay[plan.Days[r]];
            search.Walk(0, 0, 0);
        }
        return search._top.Items;
    }

    private void Walk(int r, long load, int gaps)
    {
        if (r == _rounds)
        {
            var panels = _panels[r - 1].Select(p => (int[])p.Clone()).ToArray();
            _top.Offer(new Solution(_plan.Key1, _plan.Key2, load, gaps, (int[])_starts.Clone(), panels, _repeats));
            return;
        }
        var round = _m.Rounds[r];
        int day = _plan.Days[r];
        bool sameDay = r > 0 && _plan.Days[r - 1] == day;
        int ready = r > 0 ? _starts[r - 1] + _m.Rounds[r - 1].Slots + _m.BufferSlots : 0;
        int from = Math.Max(ready, _m.DayFirstSlot[day]);
        int end = _m.DayEndSlot[day];
        long rest = _restBound[r + 1];
        for (int s = from < end ? round.NextFeasible[from] : -1; s >= 0 && s < end;
             s = s + 1 < _m.SlotCount ? round.NextFeasible[s + 1] : -1)
        {
            // The earliest completion of the later rounds only moves later as s grows.
            if (!RestFits(r, s)) break;
            int g = gaps + (sameDay ? s - ready : 0);
            _starts[r] = s;
            var prefix = _starts.AsSpan(0, r + 1);
            if (_top.Full)
            {
                // Later starts have no cheaper panel than the day's suffix minimum, no fewer gaps and
                // later start times, so once that bound loses, every later start loses too.
                if (Objective.BoundIsWorse(_plan.Key1, _plan.Key2, load + round.SuffixMin[s] + rest, g, prefix, _top.Worst)) break;
                if (Objective.BoundIsWorse(_plan.Key1, _plan.Key2, load + round.Cheapest[s] + rest, g + NextGap(r, s), prefix, _top.Worst)) continue;
            }
            if (!Place(r, s, load, out long placed)) continue;
            if (_top.Full && Objective.BoundIsWorse(_plan.Key1, _plan.Key2, placed + rest, g, prefix, _top.Worst)) continue;
            Walk(r + 1, placed, g);
        }
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
