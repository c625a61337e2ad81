namespace HireBot.Core.Scorecards;

/// <summary>A first version may complete the panel: the host posts the loop's digest if it now is complete.</summary>
public sealed record DigestCheckDue(Guid LoopId) : ScorecardEffect;
