using HireBot.Core.Loops;

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
    /// <summary>A panelist who scores this interview (not a shadow).</summary>
    public bool IsScoringPanelist(string email) =>
        Panel.Any(p => !p.IsShadow && string.Equals(p.Email, email, StringComparison.OrdinalIgnoreCase));

    /// <summary>Amendments (and first submissions) stop once the hiring team has decided or the loop was withdrawn.</summary>
    public bool IsClosed => LoopState is LoopState.Decided or LoopState.Withdrawn;
}
