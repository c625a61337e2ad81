using HireBot.Core.Loops;
using HireBot.Core.Roles;
using HireBot.Core.Scorecards;

namespace HireBot.Core.Tests.Scorecards;

/// <summary>
/// <see cref="ScorecardRules"/> on the built-in template's coding round (code quality, debugging;
/// red flags "Thinks tests are optional", "No exposure to monitoring or logging", "Cannot describe
/// a failure they handled"). Ana and Ben score the interview; Sam shadows it.
/// </summary>
public class ScorecardRulesTests
{
    private static readonly ScorecardShape Shape = ScorecardShape.For(
        RoleTemplateJson.Parse(File.ReadAllText(Path.Combine(Repo.Root, "templates", "backend-engineer.json"))).Value!, "coding")!;
    private static readonly Guid InterviewId = Guid.Parse("11111111-1111-1111-1111-111111111111");
    private static readonly Guid LoopId = Guid.Parse("22222222-2222-2222-2222-222222222222");
    private static readonly DateTimeOffset Submitted = new(2026, 3, 2, 15, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = Submitted.AddHours(5);
    private const string Ana = "ana@example.com";

    private static ScorecardSnapshot Snapshot(LoopState state = LoopState.AwaitingFeedback, string status = "Completed", string actor = Ana,
        Scorecard? existing = null, bool seen = false) =>
        new(InterviewId, LoopId, status, state, [Ana, "ben@example.com"], Shape, actor, existing, seen, Now);

    private static ScorecardForm Form(string quality = "3", string qualityEvidence = "wrote tests before the fix",
        string debugging = "2", string debuggingEvidence = "read the logs but guessed the cause", string flags = "", string recommendation = "yes") =>
        new(new Dictionary<string, string> { ["code-quality"] = quality, ["debugging-operations"] = debugging },
            new Dictionary<string, string> { ["code-quality"] = qualityEvidence, ["debugging-operations"] = debuggingEvidence },
            flags, recommendation);

    private static Scorecard Stored(bool sawOthers = false, Recommendation recommendation = Recommendation.Yes) =>
        new(InterviewId, "Ana@Example.com",
            [new("code-quality", 3, "wrote tests before the fix"), new("debugging-operations", 2, "read the logs but guessed the cause")],
            [], recommendation, null, Submitted, null, sawOthers);

    [Theory]
    [InlineData(LoopState.AwaitingFeedback, "Completed", Ana, null)]
    [InlineData(LoopState.InProgress, "Completed", "ANA@example.com", null)]
    [InlineData(LoopState.Scheduled, "Completed", Ana, null)]
    [InlineData(LoopState.Decided, "Completed", Ana, "scorecards can no longer be changed")]
    [InlineData(LoopState.Withdrawn, "Completed", Ana, "scorecards can no longer be changed")]
    [InlineData(LoopState.InProgress, "Scheduled", Ana, "has not ended yet")]
    [InlineData(LoopState.AwaitingFeedback, "Cancelled", Ana, "was cancelled")]
    [InlineData(LoopState.AwaitingFeedback, "Completed", "sam@example.com", "Only the panelists")]
    [InlineData(LoopState.AwaitingFeedback, "Completed", "eve@example.com", "Only the panelists")]
    [InlineData(LoopState.Decided, "Scheduled", "eve@example.com", "Only the panelists")]
    [InlineData(LoopState.Decided, "Cancelled", Ana, "scorecards can no longer be changed")]
    public void Submit_is_refused_for_a_closed_loop_an_interview_not_ended_and_anyone_not_scoring(LoopState state, string status, string actor, string? refusal)
    {
        var outcome = ScorecardRules.Submit(Snapshot(state, status, actor), Form(), minEvidenceWords: 3);

        if (refusal is null)
        {
            Assert.True(outcome.IsOk, outcome.Error);
            Assert.Equal(SubmissionKind.Submitted, outcome.Value!.Kind);
        }
        else
        {
            Assert.False(outcome.IsOk);
            Assert.Contains(refusal, outcome.Error);
        }
    }

    public static TheoryData<ScorecardForm, string, string> InvalidForms => new()
    {
        { Form(quality: ""), "rating.code-quality", "Choose a rating from 1 to 4 for Code quality and testing." },
        { Form(quality: "5"), "rating.code-quality", "Choose a rating from 1 to 4 for Code quality and testing." },
        { Form(debugging: "two"), "rating.debugging-operations", "Choose a rating from 1 to 4 for Debugging and operations." },
        { Form(qualityEvidence: "  good tests  "), "evidence.code-quality", "Write at least 3 words of evidence for Code quality and testing: what the candidate said or did." },
        { Form(debuggingEvidence: new string('x', InputLimits.EvidenceChars + 1)), "evidence.debugging-operations", $"the limit is {InputLimits.EvidenceChars}." },
        { Form(recommendation: ""), "recommendation", "Choose an overall recommendation." },
        { Form(recommendation: "maybe"), "recommendation", "Choose an overall recommendation." },
        { Form(flags: "thinks-tests-are-optional,not-on-the-list"), "redFlags", "Some red flags are not on this round's list; pick from the list." },
    };

    [Theory]
    [MemberData(nameof(InvalidForms))]
    public void An_invalid_form_stores_nothing_and_names_the_field(ScorecardForm form, string field, string error)
    {
        var outcome = ScorecardRules.Submit(Snapshot(), form, minEvidenceWords: 3);

        Assert.True(outcome.IsOk, outcome.Error);
        var s = outcome.Value!;
        Assert.Equal(SubmissionKind.Invalid, s.Kind);
        Assert.Null(s.Version);
        Assert.Empty(s.Effects);
        Assert.Equal([field], s.Check!.FieldErrors.Keys);
        Assert.Contains(error, s.Check.FieldErrors[field]);
        Assert.StartsWith("One answer needs attention before this scorecard can be saved.", s.Check.Error);
    }

    [Fact]
    public void Every_error_is_counted_at_once()
    {
        var s = ScorecardRules.Submit(Snapshot(), Form(quality: "", debuggingEvidence: "", recommendation: ""), minEvidenceWords: 3).Value!;

        Assert.Equal(["evidence.debugging-operations", "rating.code-quality", "recommendation"], s.Check!.FieldErrors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("3 answers need attention before this scorecard can be saved. Choose an overall recommendation.", s.Check.Error);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_first_version_is_stored_audited_exported_offered_a_note_checked_for_the_digest_and_stops_reminders(bool seenOthers)
    {
        var form = Form(qualityEvidence: "  wrote tests before the fix  ", flags: "no-exposure-to-monitoring-or-logging", recommendation: "Strong_Yes");

        var s = ScorecardRules.Submit(Snapshot(seen: seenOthers), form, minEvidenceWords: 3).Value!;

        Assert.Equal(SubmissionKind.Submitted, s.Kind);
        var v = s.Version!;
        Assert.Equal(Recommendation.StrongYes, v.Recommendation);
        Assert.Equal(["No exposure to monitoring or logging"], v.RedFlags);
        Assert.Equal(new CompetencyRating("code-quality", 3, "wrote tests before the fix"), v.Ratings[0]);
        Assert.Equal((Now, (DateTimeOffset?)null, seenOthers), (v.SubmittedAt, v.AmendedAt, v.SawOthersBeforeSubmitting));
        Assert.Equal<ScorecardEffect>(
        [
            new ScorecardStored(v),
            new ScorecardAudited(null, v, Ana, Now),
            new ScorecardExportQueued(LoopId, InterviewId, Ana),
            new CalibrationNoteOffered(LoopId, InterviewId, Ana),
            new DigestCheckDue(LoopId),
            new RemindersCancelled(InterviewId, Ana, Now),
        ], s.Effects);
    }

    [Theory]
    [InlineData("3", "wrote tests before the fix", "yes")]
    [InlineData("3", "  wrote tests before the fix ", " YES ")]
    public void A_repeat_of_the_stored_version_changes_nothing(string rating, string evidence, string recommendation)
    {
        var stored = Stored();

        var s = ScorecardRules.Submit(Snapshot(existing: stored, seen: true), Form(quality: rating, qualityEvidence: evidence, recommendation: recommendation), 3).Value!;

        Assert.Equal(SubmissionKind.Repeated, s.Kind);
        Assert.Same(stored, s.Version);
        Assert.Empty(s.Effects);
    }

    [Theory]
    [InlineData(false, false, false)]
    [InlineData(false, true, true)]
    [InlineData(true, false, true)]
    [InlineData(true, true, true)]
    public void An_amendment_replaces_the_version_keeps_the_first_time_and_stays_flagged_once_others_were_seen(bool storedSaw, bool seenSince, bool flagged)
    {
        var stored = Stored(sawOthers: storedSaw);

        var s = ScorecardRules.Submit(Snapshot(existing: stored, seen: seenSince), Form(recommendation: "no"), minEvidenceWords: 3).Value!;

        Assert.Equal(SubmissionKind.Amended, s.Kind);
        var v = s.Version!;
        Assert.Equal((Recommendation.No, "Ana@Example.com", Submitted, (DateTimeOffset?)Now, flagged),
            (v.Recommendation, v.PanelistEmail, v.SubmittedAt, v.AmendedAt, v.SawOthersBeforeSubmitting));
        Assert.Equal<ScorecardEffect>(
        [
            new ScorecardReplaced(v),
            new ScorecardAudited(stored, v, Ana, Now),
            new ScorecardExportQueued(LoopId, InterviewId, "Ana@Example.com"),
        ], s.Effects);
    }

    [Theory]
    [InlineData("open", LoopState.AwaitingFeedback, false, "empty form")]
    [InlineData("open", LoopState.AwaitingFeedback, true, "stored")]
    [InlineData("open", LoopState.Decided, true, "stored")]
    [InlineData("open", LoopState.Decided, false, "scorecards for this loop are closed")]
    [InlineData("open", LoopState.Withdrawn, false, "scorecards for this loop are closed")]
    [InlineData("amend", LoopState.AwaitingFeedback, true, "stored as a form")]
    [InlineData("amend", LoopState.AwaitingFeedback, false, "empty form")]
    [InlineData("amend", LoopState.Decided, false, "empty form")]
    [InlineData("amend", LoopState.Decided, true, "scorecards can no longer be amended")]
    [InlineData("amend", LoopState.Withdrawn, true, "scorecards can no longer be amended")]
    public void Open_and_amend_show_the_stored_version_or_a_form_while_the_loop_is_open(string verb, LoopState state, bool hasStored, string shown)
    {
        var stored = Stored();
        var snapshot = Snapshot(state, existing: hasStored ? stored : null);

        var outcome = verb == "open" ? ScorecardRules.Open(snapshot) : ScorecardRules.Amend(snapshot);

        switch (shown)
        {
            case "stored":
                Assert.Same(stored, outcome.Value!.Submitted);
                break;
            case "empty form":
                Assert.Equal(ScorecardForm.Empty(Shape).Ratings, outcome.Value!.Form!.Ratings);
                Assert.Equal("", outcome.Value.Form.Recommendation);
                break;
            case "stored as a form":
                Assert.Equal("yes", outcome.Value!.Form!.Recommendation);
                Assert.Equal("3", outcome.Value.Form.Ratings["code-quality"]);
                break;
            default:
                Assert.False(outcome.IsOk);
                Assert.Contains(shown, outcome.Error);
                break;
        }
    }

    [Theory]
    [InlineData("open")]
    [InlineData("amend")]
    public void Someone_who_does_not_score_the_interview_sees_nothing(string verb)
    {
        var snapshot = Snapshot(actor: "sam@example.com", existing: Stored());

        var outcome = verb == "open" ? ScorecardRules.Open(snapshot) : ScorecardRules.Amend(snapshot);

        Assert.Equal("Only the panelists who scored this interview can open or submit its scorecard.", outcome.Error);
    }

    [Fact]
    public void The_amend_form_of_a_version_with_red_flags_submitted_unchanged_is_a_repeat()
    {
        var first = ScorecardRules.Submit(Snapshot(), Form(flags: "thinks-tests-are-optional,cannot-describe-a-failure-they-handled"), 3).Value!.Version!;
        var again = Snapshot(existing: first);

        var s = ScorecardRules.Submit(again, ScorecardRules.Amend(again).Value!.Form!, minEvidenceWords: 3).Value!;

        Assert.Equal(SubmissionKind.Repeated, s.Kind);
    }
}
