namespace HireBot.Core.Decisions;

/// <summary>One risk the digest shows, with the competency and panelist it concerns when there is one.</summary>
public sealed record RiskFlag(RiskFlagKind Kind, string? CompetencyId, string? PanelistEmail, string Detail);
