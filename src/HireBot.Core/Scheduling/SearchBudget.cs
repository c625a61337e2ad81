namespace HireBot.Core.Scheduling;

/// <summary>
/// How much work the search may do: a count of search nodes (deterministic, the same on every
/// machine) and a token the host cancels at its deadline (Core has no clock). Once either runs
/// out the search stops and returns the best options found so far.
/// </summary>
internal sealed class SearchBudget(long workLimit, CancellationToken deadline)
{
    public long Work { get; private set; }
    public bool Exhausted { get; private set; }

    /// <summary>Counts one node; false once the budget is spent.</summary>
    public bool Spend()
    {
        if (Exhausted) return false;
        Work++;
        if (Work > workLimit || ((Work & 1023) == 0 && deadline.IsCancellationRequested)) Exhausted = true;
        return !Exhausted;
    }
}
