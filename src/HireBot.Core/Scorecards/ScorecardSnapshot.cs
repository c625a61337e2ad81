using HireBot.Core.Loops;

namespace HireBot.Core.Scorecards;

/// <summary>
/// Everything a scorecard button is decided from, read by the host in one transaction (holding the
/// loop row for a submission): the interview and its loop's state, who scores it, what its round's
/// scorecard asks, the actor's stored version if any, and whether the actor has already seen
/// others' feedback on the loop (a summary, or the deadline digest).
/// </summary>
public sealed record ScorecardSnapshot(
    Guid InterviewId,
    Guid LoopId,
    string InterviewStatus,
    LoopState LoopState,
    IReadOnlyList<string> ScoringPanelists,
    ScorecardShape Shape,
    string Actor,
    Scorecard? Existing,
    bool ActorHasSeenOthers,
    DateTimeOffset Now)
{
    /// <summary>Amendments (and first submissions) stop once the hiring team has decided or the loop was withdrawn.</summary>
    public bool IsClosed => ScorecardRules.IsClosed(LoopState);

    public bool ActorScores => ScoringPanelists.Contains(Actor, StringComparer.OrdinalIgnoreCase);
}
