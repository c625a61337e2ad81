using HireBot.Core.Loops;
using HireBot.Core.Scorecards;

namespace HireBot.Scorecards;

/// <summary>What the scorecard flow needs to know about one interview, its loop and candidate.</summary>
public sealed record InterviewFacts(
    Guid InterviewId,
    Guid LoopId,
    string RoundId,
    string Status,
    DateTimeOffset EndsAt,
    Guid RoleId,
    string CandidateName,
    LoopState LoopState,
    IReadOnlyList<PanelSeat> Panel)
{
    /// <summary>Amendments (and first submissions) stop once the hiring team has decided or the loop was withdrawn.</summary>
    public bool IsClosed => ScorecardRules.IsClosed(LoopState);

    /// <summary>What <see cref="ScorecardRules"/> decides a button of <paramref name="actor"/> from.</summary>
    public ScorecardSnapshot Snapshot(ScorecardShape shape, string actor, Scorecard? existing, bool actorHasSeenOthers, DateTimeOffset now) =>
        new(InterviewId, LoopId, Status, LoopState, Panel.Where(p => !p.IsShadow).Select(p => p.Email).ToList(), shape, actor, existing, actorHasSeenOthers, now);
}
