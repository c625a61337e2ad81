namespace HireBot.Core.Decisions;

/// <summary>The decision is queued for the ATS export.</summary>
public sealed record DecisionExportQueued(Guid LoopId) : DecisionEffect;
