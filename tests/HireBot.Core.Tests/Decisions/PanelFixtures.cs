using HireBot.Core.Decisions;
using HireBot.Core.Rubrics;
using HireBot.Core.Scorecards;

namespace HireBot.Core.Tests.Decisions;

/// <summary>
/// A small rubric whose weights make hand arithmetic easy: Technical 60 (design ×2, api ×1) and
/// Behavioral 40 (comm ×1, own ×1). Overall shares when all are rated: design 0.4, api 0.2,
/// comm 0.2, own 0.2.
/// </summary>
internal static class PanelFixtures
{
    public const string Evidence = "Walked through the trade-offs with concrete numbers.";
    public static readonly Guid Round1 = Guid.Parse("00000000-0000-0000-0000-000000000001");
    public static readonly Guid Round2 = Guid.Parse("00000000-0000-0000-0000-000000000002");
    public static readonly DateTimeOffset At = new(2025, 3, 4, 10, 0, 0, TimeSpan.Zero);

    public static Rubric Rubric { get; } = new(
    [
        new Dimension("tech", "Technical", 60,
        [
            Competency("design", 2, "Jumps to a solution without analysis"),
            Competency("api", 1, "Thinks tests are optional"),
        ]),
        new Dimension("behav", "Behavioral", 40,
        [
            Competency("comm", 1, "Dismissive of review concerns"),
            Competency("own", 1, "Blames others"),
        ]),
    ], RatingScale.FourPoint);

    public static Competency Competency(string id, double weight, string redFlag) =>
        new(id, id.ToUpperInvariant(), $"About {id}.", $"Strong {id}.", [redFlag], weight);

    /// <summary>A scorecard from <paramref name="panelist"/> in <see cref="Round1"/> unless told otherwise.</summary>
    public static Scorecard Card(
        string panelist,
        Recommendation recommendation,
        params (string Id, int Rating)[] ratings) =>
        new(Round1, panelist, ratings.Select(r => new CompetencyRating(r.Id, r.Rating, Evidence)).ToList(), [], recommendation, null, At);

    /// <summary>Every panelist expected in <see cref="Round1"/> with the given focus competencies.</summary>
    public static IReadOnlyList<ExpectedAssessment> Expect(string[] panelists, params string[] focus) =>
        panelists.Select(p => new ExpectedAssessment(Round1, p, focus)).ToList();

    public static PanelAssessment Assess(IReadOnlyList<Scorecard> cards, DecisionPolicy? policy = null, IReadOnlyList<ExpectedAssessment>? expected = null) =>
        PanelAggregator.Assess(
            Rubric,
            expected ?? Expect(cards.Select(c => c.PanelistEmail).Distinct().ToArray(), "design", "api", "comm", "own"),
            cards,
            policy ?? DecisionPolicy.Default);

    public static CompetencyRow Row(this PanelAssessment assessment, string id) =>
        assessment.Competencies.Single(r => r.CompetencyId == id);

    /// <summary>Three panelists who each rate all four competencies 3: the "all agree" panel.</summary>
    public static IReadOnlyList<Scorecard> UnanimousThrees(Recommendation last = Recommendation.Yes) =>
    [
        Card("a@x.test", Recommendation.Yes, ("design", 3), ("api", 3), ("comm", 3), ("own", 3)),
        Card("b@x.test", Recommendation.Yes, ("design", 3), ("api", 3), ("comm", 3), ("own", 3)),
        Card("c@x.test", last, ("design", 3), ("api", 3), ("comm", 3), ("own", 3)),
    ];
}
