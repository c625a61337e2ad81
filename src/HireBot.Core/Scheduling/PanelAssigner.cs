namespace HireBot.Core.Scheduling;

/// <summary>
/// Exact minimum-load panel assignment for rounds whose start times are fixed: a small
/// branch and bound over each round's free panelists (sorted by cost), most constrained round
/// first, bounded by the other rounds' cheapest panels. It only runs when the cheapest panels
/// of two rounds collide; otherwise the cheapest panels are already optimal.
/// </summary>
internal sealed class PanelAssigner(SchedulingModel model, bool repeats, SearchBudget budget)
{
    private readonly int _weeks = model.People.Length == 0 ? 1 : model.People.Max(p => p.Weeks.Length);
    private int[] _uses = [];
    private int[] _personUses = [];
    private int[] _order = [];
    private long[] _bound = [];
    private int[][] _chosen = [];
    private int[][] _avail = [];
    private int[] _count = [];
    private int[] _starts = [];
    private long _best;
    private int[][] _out = [];

    /// <summary>Fills <paramref name="panels"/> for rounds 0..m-1; false when no assignment exists.</summary>
    public bool Solve(int m, int[][] avail, int[] count, int[] starts, int[][] panels, out long load)
    {
        var rounds = model.Rounds;
        _uses = new int[model.People.Length * _weeks];
        _personUses = new int[model.People.Length];
        _avail = avail; _count = count; _starts = starts; _out = panels;
        _order = Enumerable.Range(0, m).OrderBy(j => count[j] - rounds[j].PanelSize).ThenBy(j => j).ToArray();
        _bound = new long[m + 1];
        for (int i = m - 1; i >= 0; i--) _bound[i] = _bound[i + 1] + rounds[_order[i]].Cheapest[starts[_order[i]]];
        _chosen = Enumerable.Range(0, m).Select(j => new int[rounds[j].PanelSize]).ToArray();
        _best = RoundModel.Infeasible;
        Round(0, 0);
        load = _best;
        return _best < RoundModel.Infeasible;
    }

    private void Round(int i, long cost)
    {
        if (i == _order.Length)
        {
            if (cost >= _best) return;
            _best = cost;
            for (int j = 0; j < _order.Length; j++) _chosen[j].CopyTo(_out[j], 0);
            return;
        }
        Pick(i, _order[i], 0, 0, cost);
    }

    private void Pick(int i, int j, int from, int picked, long cost)
    {
        if (!budget.Spend()) return;
        if (picked == model.Rounds[j].PanelSize) { Round(i + 1, cost); return; }
        var list = _avail[j];
        for (int t = from; t < _count[j]; t++)
        {
            int p = list[t];
            var person = model.People[p];
            int week = person.WeekOfSlot[_starts[j]];
            int uses = _uses[p * _weeks + week];
            if (_personUses[p] > 0 && !repeats) continue;
            if (uses > 0 && !person.HasRoom(week, uses)) continue;
            long c = cost + person.Cost(week, uses);
            if (c + _bound[i + 1] >= _best)
            {
                // Lists are sorted by first-use cost, so in distinct mode later people cost no less.
                if (!repeats) break;
                continue;
            }
            _uses[p * _weeks + week]++;
            _personUses[p]++;
            _chosen[j][picked] = p;
            Pick(i, j, t + 1, picked + 1, c);
            _uses[p * _weeks + week]--;
            _personUses[p]--;
        }
    }
}
