using HireBot.Core.Decisions;
using HireBot.Core.Loops;
using HireBot.Core.Roles;
using HireBot.Core.Scorecards;

namespace HireBot.Decisions;

/// <summary>Everything the digest of one loop is computed from, read in one transaction.</summary>
public sealed record LoopFeedback(
    Guid LoopId,
    Guid RoleId,
    string CandidateName,
    LoopState State,
    DateTimeOffset? DigestPostedAt,
    IReadOnlyList<LoopSeat> Seats,
    IReadOnlyList<Scorecard> Scorecards,
    IReadOnlyDictionary<string, string> Names)
{
    /// <summary>Interviews still to happen: the panel cannot be complete yet.</summary>
    public bool HasScheduledInterviews => Seats.Any(s => s.InterviewStatus == "Scheduled");

    public IReadOnlyList<ExpectedAssessment> Expected(RoleTemplate template) =>
        Seats.Where(s => s.OwesScorecard)
            .Select(s => new ExpectedAssessment(s.InterviewId, s.Email, template.Loop.FindRound(s.RoundId)?.FocusCompetencies ?? []))
            .ToList();

    /// <summary>True while this person sits on a scoring seat of the loop without having submitted for it.</summary>
    public bool IsUnsubmittedPanelist(string email) =>
        Seats.Any(s => !s.IsShadow && string.Equals(s.Email, email, StringComparison.OrdinalIgnoreCase) &&
                       !Scorecards.Any(c => c.InterviewId == s.InterviewId && string.Equals(c.PanelistEmail, email, StringComparison.OrdinalIgnoreCase)));

    public bool IsScoringPanelist(string email) =>
        Seats.Any(s => !s.IsShadow && string.Equals(s.Email, email, StringComparison.OrdinalIgnoreCase));

    public string NameOf(string email) => Hiring.PersonName.Of(email, Names.GetValueOrDefault(email.ToLowerInvariant()));
}
