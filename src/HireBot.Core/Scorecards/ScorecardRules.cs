using HireBot.Core.Access;
using HireBot.Core.Loops;

namespace HireBot.Core.Scorecards;

/// <summary>
/// The scorecard buttons as pure functions of a <see cref="ScorecardSnapshot"/>: what opening or
/// amending shows, and what a submission stores and causes. Only the interview's scoring panelists
/// may use them (also checked first by <see cref="Permissions"/>); nothing is scored before the
/// interview has ended, and nothing changes once the loop is decided or withdrawn. A repeated
/// submission (a double click) changes nothing; a different one is an amendment that keeps the
/// first submission's time and stays flagged once the panelist has seen others' feedback.
/// </summary>
public static class ScorecardRules
{
    public const string ClosedOnOpen = "The hiring decision has been made; scorecards for this loop are closed.";
    public const string ClosedOnAmend = "The hiring decision has been made; scorecards can no longer be amended.";
    public const string ClosedOnSubmit = "The hiring decision has been made; scorecards can no longer be changed.";
    public const string Cancelled = "This interview was cancelled; there is nothing to score.";
    public const string NotEnded = "This interview has not ended yet; score it once it has.";

    public static bool IsClosed(LoopState state) => state is LoopState.Decided or LoopState.Withdrawn;

    /// <summary><c>scorecard.open</c>: the stored version, else an empty form while the loop is open.</summary>
    public static Outcome<ScorecardView> Open(ScorecardSnapshot s) =>
        !s.ActorScores ? Outcome<ScorecardView>.Fail(NotPanelist)
        : s.Existing is { } existing ? ScorecardView.Of(existing)
        : s.IsClosed ? Outcome<ScorecardView>.Fail(ClosedOnOpen)
        : ScorecardView.Fill(ScorecardForm.Empty(s.Shape));

    /// <summary><c>scorecard.amend</c>: the stored version as a form to change (an empty one if there is none yet).</summary>
    public static Outcome<ScorecardView> Amend(ScorecardSnapshot s) =>
        !s.ActorScores ? Outcome<ScorecardView>.Fail(NotPanelist)
        : s.Existing is not { } existing ? ScorecardView.Fill(ScorecardForm.Empty(s.Shape))
        : s.IsClosed ? Outcome<ScorecardView>.Fail(ClosedOnAmend)
        : ScorecardView.Fill(ScorecardForm.From(existing, s.Shape));

    /// <summary>
    /// <c>scorecard.submit</c>: checks the form (<see cref="ScorecardForm.Check"/>) and says whether it
    /// is a first version, an amendment or a repeat, with the effects to persist in order.
    /// </summary>
    public static Outcome<Submission> Submit(ScorecardSnapshot s, ScorecardForm form, int minEvidenceWords)
    {
        if (!s.ActorScores) return Outcome<Submission>.Fail(NotPanelist);
        if (s.IsClosed) return Outcome<Submission>.Fail(ClosedOnSubmit);
        if (s.InterviewStatus != "Completed") return Outcome<Submission>.Fail(s.InterviewStatus == "Cancelled" ? Cancelled : NotEnded);

        var check = form.Check(s.Shape, s.InterviewId, s.Actor, s.Now, minEvidenceWords);
        if (check.Scorecard is not { } card) return new Submission(SubmissionKind.Invalid, null, check, []);

        if (s.Existing is not { } existing)
        {
            // A first submission after others' feedback was shown to this panelist (the deadline digest) is flagged too.
            var first = card with { SawOthersBeforeSubmitting = s.ActorHasSeenOthers };
            return new Submission(SubmissionKind.Submitted, first, null,
            [
                new ScorecardStored(first),
                new ScorecardAudited(null, first, s.Actor, s.Now),
                new ScorecardExportQueued(s.LoopId, s.InterviewId, first.PanelistEmail),
                new CalibrationNoteOffered(s.LoopId, s.InterviewId, s.Actor),
                new DigestCheckDue(s.LoopId),
                // Submitting cancels what is pending (the reminder sweep also skips submitted pairs).
                new RemindersCancelled(s.InterviewId, s.Actor, s.Now),
            ]);
        }
        if (existing.SaysTheSameAs(card)) return new Submission(SubmissionKind.Repeated, existing, null, []);

        // An amendment: a panelist who has seen others' feedback since (a summary) may be anchored, and it stays flagged.
        var amended = card with
        {
            PanelistEmail = existing.PanelistEmail, SubmittedAt = existing.SubmittedAt, AmendedAt = s.Now,
            SawOthersBeforeSubmitting = existing.SawOthersBeforeSubmitting || s.ActorHasSeenOthers,
        };
        return new Submission(SubmissionKind.Amended, amended, null,
        [
            new ScorecardReplaced(amended),
            new ScorecardAudited(existing, amended, s.Actor, s.Now),
            new ScorecardExportQueued(s.LoopId, s.InterviewId, amended.PanelistEmail),
        ]);
    }

    private static string NotPanelist => Permissions.Find("scorecard.submit", TargetKind.Interview)!.Refusal;
}
