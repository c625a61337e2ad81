using HireBot.Core.Scorecards;

namespace HireBot.Core.Decisions;

/// <summary>
/// The scorecards that count (latest version per interview and panelist) and, per rubric
/// competency id, one rating per panelist, with the panelist kept: the panelist is the unit of
/// replication of the model (<see cref="RaterEffectsModel"/>). A panelist who rated the same
/// competency in two interviews is one rater, not two: their ratings are averaged, since a second
/// interview with the same person is not an independent opinion. <see cref="Raw"/> holds the
/// same ratings before any calibration adjustment, for agreement and disagreement checks.
/// </summary>
internal sealed record CollectedRatings(
    IReadOnlyList<Scorecard> Scorecards,
    IReadOnlyDictionary<string, IReadOnlyList<PanelistRating>> RatingsByCompetency,
    IReadOnlyList<RiskFlag> Flags)
{
    public IReadOnlyDictionary<string, IReadOnlyList<PanelistRating>> Raw { get; init; } = RatingsByCompetency;
}
