namespace HireBot.Core.Rubrics;

/// <summary>
/// A weighted set of dimensions, each made of competencies, scored on a shared anchored scale.
/// Weights are relative: they are normalised when scores are aggregated, so 45/35/20 and
/// 0.45/0.35/0.20 mean the same thing.
/// </summary>
public sealed record Rubric(IReadOnlyList<Dimension> Dimensions, RatingScale Scale)
{
    public IEnumerable<Competency> Competencies => Dimensions.SelectMany(d => d.Competencies);

    public Competency? FindCompetency(string id) =>
        Competencies.FirstOrDefault(c => string.Equals(c.Id, id, StringComparison.OrdinalIgnoreCase));

    public Dimension DimensionOf(string competencyId) =>
        Dimensions.First(d => d.Competencies.Any(c => string.Equals(c.Id, competencyId, StringComparison.OrdinalIgnoreCase)));

    /// <summary>Every red flag named by any competency, de-duplicated, in rubric order.</summary>
    public IReadOnlyList<string> RedFlags =>
        Competencies.SelectMany(c => c.RedFlags).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
}
