namespace HireBot.Core.Scheduling;

/// <summary>The best few solutions seen so far, kept sorted by <see cref="Objective.Compare"/>.</summary>
internal sealed class TopOptions(int capacity)
{
    private readonly List<Solution> _items = new(capacity + 1);

    public IReadOnlyList<Solution> Items => _items;
    public bool Full => _items.Count >= capacity;
    public Solution Worst => _items[^1];

    public void Offer(Solution solution)
    {
        if (Full && Objective.Compare(solution, Worst) >= 0) return;
        int at = _items.BinarySearch(solution, Comparer<Solution>.Create(Objective.Compare));
        _items.Insert(at < 0 ? ~at : at, solution);
        if (_items.Count > capacity) _items.RemoveAt(_items.Count - 1);
    }
}
