namespace HireBot.Core.Decisions;

/// <summary>A competency to probe in a final round, with a one-line reason.</summary>
public sealed record ProbeSuggestion(string CompetencyId, string CompetencyName, string Reason);
