using HireBot.Core.Scorecards;

namespace HireBot.Core.Decisions;

/// <summary>
/// The scorecards that count (latest version per interview and panelist) and, per rubric
/// competency id, one rating per panelist. A panelist who rated the same competency in two
/// interviews is one rater, not two: their ratings are averaged, since a second interview with the
/// same person is not an independent opinion.
/// </summary>
internal sealed record CollectedRatings(
    IReadOnlyList<Scorecard> Scorecards,
    IReadOnlyDictionary<string, IReadOnlyList<double>> RatingsByCompetency,
    IReadOnlyList<RiskFlag> Flags);
