namespace HireBot.Core.Rubrics;

/// <summary>A weighted group of competencies, e.g. Technical 45%.</summary>
public sealed record Dimension(string Id, string Name, double Weight, IReadOnlyList<Competency> Competencies);
