using HireBot.Core.Loops;

namespace HireBot.Core.Decisions;

/// <summary>The result of <see cref="HiringDecision.Decide"/>: the decision's label, the loop's new state and the effects to persist, in order.</summary>
public sealed record DecisionMade(string Decision, LoopState State, IReadOnlyList<DecisionEffect> Effects);
