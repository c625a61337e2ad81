namespace HireBot.Core.Scheduling;

/// <summary>
/// The best few solutions seen so far, kept sorted by <see cref="Objective.Compare"/>. With
/// <paramref name="onePerDay"/>, at most one per first interview day (the best of that day), so
/// the options are a choice between days rather than the same day shifted by a slot.
/// </summary>
internal sealed class TopOptions(int capacity, bool onePerDay)
{
    private readonly List<Solution> _items = new(capacity + 1);
    private static readonly Comparer<Solution> Order = Comparer<Solution>.Create(Objective.Compare);

    public IReadOnlyList<Solution> Items => _items;
    public bool Full => _items.Count >= capacity;
    public Solution Worst => _items[^1];

    /// <summary>
    /// What a solution starting on <paramref name="firstDay"/> must beat to change the result:
    /// that day's kept solution (one per day), else the worst kept one when full, else nothing.
    /// </summary>
    public Solution? Bar(int firstDay)
    {
        if (onePerDay)
            foreach (var s in _items)
                if (s.FirstDay == firstDay) return s;
        return Full ? Worst : null;
    }

    public void Offer(Solution solution)
    {
        if (Bar(solution.FirstDay) is { } bar && Objective.Compare(solution, bar) >= 0) return;
        if (onePerDay) _items.RemoveAll(s => s.FirstDay == solution.FirstDay);
        int at = _items.BinarySearch(solution, Order);
        _items.Insert(at < 0 ? ~at : at, solution);
        if (_items.Count > capacity) _items.RemoveAt(_items.Count - 1);
    }
}
