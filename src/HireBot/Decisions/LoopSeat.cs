namespace HireBot.Decisions;

/// <summary>One panel seat of a loop: who sat on which (not cancelled) interview, and whether they score.</summary>
public sealed record LoopSeat(Guid InterviewId, string RoundId, string InterviewStatus, string Email, bool IsShadow)
{
    /// <summary>A scorecard is owed for this seat: the interview happened and the panelist scores.</summary>
    public bool OwesScorecard => !IsShadow && InterviewStatus == "Completed";
}
