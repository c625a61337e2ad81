namespace HireBot.Core.Scorecards;

/// <summary>
/// One panelist's feedback for one interview. <see cref="SawOthersBeforeSubmitting"/> records
/// whether the panelist had seen anyone else's feedback on this candidate before this version was
/// written (possible only for amendments made after the first submission), so the digest can flag
/// a score that may have been anchored.
/// </summary>
public sealed record Scorecard(
    Guid InterviewId,
    string PanelistEmail,
    IReadOnlyList<CompetencyRating> Ratings,
    IReadOnlyList<string> RedFlags,
    Recommendation Recommendation,
    string? Notes,
    DateTimeOffset SubmittedAt,
    DateTimeOffset? AmendedAt = null,
    bool SawOthersBeforeSubmitting = false)
{
    /// <summary>True when two versions say the same thing (a repeated click, not an amendment).</summary>
    public bool SaysTheSameAs(Scorecard other) =>
        Recommendation == other.Recommendation &&
        RedFlags.Order(StringComparer.Ordinal).SequenceEqual(other.RedFlags.Order(StringComparer.Ordinal)) &&
        Ratings.OrderBy(r => r.CompetencyId, StringComparer.Ordinal).SequenceEqual(other.Ratings.OrderBy(r => r.CompetencyId, StringComparer.Ordinal));
}
