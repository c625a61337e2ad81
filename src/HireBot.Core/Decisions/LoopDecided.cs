using HireBot.Core.Loops;

namespace HireBot.Core.Decisions;

/// <summary>The loop moves to <paramref name="State"/> with the decision, its reason, who made it and when.</summary>
public sealed record LoopDecided(Guid LoopId, LoopState State, string Decision, string Reason, string DecidedBy, DateTimeOffset At) : DecisionEffect;
