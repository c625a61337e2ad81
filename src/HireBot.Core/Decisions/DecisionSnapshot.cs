using HireBot.Core.Loops;

namespace HireBot.Core.Decisions;

/// <summary>The loop a <c>decide</c> is about, read under its row lock: its state, and the decision already recorded if any.</summary>
public sealed record DecisionSnapshot(Guid LoopId, string CandidateName, LoopState State, string? EarlierDecision);
