namespace HireBot.Core.Decisions;

/// <summary>The loop's feedback-deadline digest will not be needed: its trigger is removed in the decision's transaction.</summary>
public sealed record DeadlineDigestDropped(Guid LoopId) : DecisionEffect;
