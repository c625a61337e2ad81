namespace HireBot.Core.Decisions;

/// <summary>
/// The loop's rounds still booked are no longer needed: the host runs the cancellation use case for
/// them (rows, calendar withdrawals saying <paramref name="CalendarNote"/>, their triggers).
/// </summary>
public sealed record RemainingRoundsCancelled(Guid LoopId, string CalendarNote) : DecisionEffect;
