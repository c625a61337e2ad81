namespace HireBot.Core.Decisions;

/// <summary>
/// Something a decision changes, written by the host in the decision's transaction. A closed set:
/// <see cref="LoopDecided"/>, <see cref="DecisionAnnounced"/>, <see cref="RemainingRoundsCancelled"/>,
/// <see cref="DecisionExportQueued"/> and <see cref="DeadlineDigestDropped"/>.
/// </summary>
public abstract record DecisionEffect
{
    private protected DecisionEffect() { }
}
