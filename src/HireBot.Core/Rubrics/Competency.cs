namespace HireBot.Core.Rubrics;

/// <summary>
/// One thing the panel assesses, with what strong evidence looks like and the red flags to
/// watch for. <see cref="Weight"/> is relative to the other competencies of its dimension.
/// </summary>
public sealed record Competency(
    string Id,
    string Name,
    string Description,
    string StrongEvidence,
    IReadOnlyList<string> RedFlags,
    double Weight = 1.0);
