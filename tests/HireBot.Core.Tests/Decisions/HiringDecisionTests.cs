using HireBot.Core.Decisions;
using HireBot.Core.Loops;

namespace HireBot.Core.Tests.Decisions;

public class HiringDecisionTests
{
    private static readonly Guid LoopId = Guid.Parse("33333333-3333-3333-3333-333333333333");
    private static readonly DateTimeOffset Now = new(2026, 3, 4, 9, 30, 0, TimeSpan.Zero);

    private static Outcome<DecisionMade> Decide(LoopState state = LoopState.AwaitingFeedback, string decision = "hire", string reason = "Strong panel.",
        string? earlier = null) =>
        HiringDecision.Decide(new DecisionSnapshot(LoopId, "Dana Candidate", state, earlier),
            new DecisionRequest(decision, reason, "rita@example.com", "Rita Recruiter", Now));

    [Theory]
    [InlineData(LoopState.Scheduled, null)]
    [InlineData(LoopState.InProgress, null)]
    [InlineData(LoopState.AwaitingFeedback, null)]
    [InlineData(LoopState.Draft, "The loop is a draft, so it cannot be decided now.")]
    [InlineData(LoopState.Scheduling, "The loop is being scheduled, so it cannot be decided now.")]
    [InlineData(LoopState.Withdrawn, "The loop is withdrawn, so it cannot be decided now.")]
    [InlineData(LoopState.Decided, "The loop is decided, so it cannot be decided now.")]
    public void A_loop_is_decided_from_scheduled_in_progress_or_awaiting_feedback(LoopState state, string? refusal)
    {
        var outcome = Decide(state);

        Assert.Equal(refusal, outcome.Error);
        if (refusal is null) Assert.Equal(LoopState.Decided, outcome.Value!.State);
    }

    [Fact]
    public void A_second_decision_names_the_first_and_how_to_assess_again()
    {
        var outcome = Decide(LoopState.Decided, decision: "no-hire", earlier: "Hire");

        Assert.Equal("Dana Candidate's loop is already decided (Hire). Open a new loop with `loop create` to assess again.", outcome.Error);
    }

    [Theory]
    [InlineData("hire", "Hire")]
    [InlineData(" HIRE ", "Hire")]
    [InlineData("no-hire", "No hire")]
    [InlineData("nohire", "No hire")]
    [InlineData("No_Hire", "No hire")]
    [InlineData("maybe", null)]
    [InlineData("", null)]
    [InlineData("hired", null)]
    public void Only_hire_or_no_hire_is_a_decision(string typed, string? label)
    {
        var outcome = Decide(decision: typed);

        Assert.Equal(label, outcome.Value?.Decision);
        Assert.Equal(label is null ? HiringDecision.Usage : null, outcome.Error);
    }

    [Fact]
    public void A_malformed_decision_is_answered_before_the_loop_state()
    {
        Assert.Equal(HiringDecision.Usage, Decide(LoopState.Draft, decision: "perhaps").Error);
    }

    [Theory]
    [InlineData(InputLimits.DecisionReasonChars, true)]
    [InlineData(InputLimits.DecisionReasonChars + 1, false)]
    public void The_reason_is_limited_in_length(int length, bool accepted)
    {
        var outcome = Decide(reason: new string('r', length));

        Assert.Equal(accepted, outcome.IsOk);
        if (!accepted)
            Assert.Equal($"The reason is {length} characters long; the limit is {InputLimits.DecisionReasonChars}. Summarise it; the digest keeps the detail.", outcome.Error);
    }

    [Fact]
    public void A_decision_is_recorded_announced_then_cancels_the_rounds_still_booked_exports_and_drops_the_deadline_digest()
    {
        var made = Decide(LoopState.Scheduled, "no-hire", "  Failed the screen.  ").Value!;

        Assert.Equal<DecisionEffect>(
        [
            new LoopDecided(LoopId, LoopState.Decided, "No hire", "Failed the screen.", "rita@example.com", Now),
            new DecisionAnnounced($"decision:{LoopId}", "No hire", "Dana Candidate", "Rita Recruiter", Now, "Failed the screen."),
            new RemainingRoundsCancelled(LoopId, HiringDecision.CalendarNote),
            new DecisionExportQueued(LoopId),
            new DeadlineDigestDropped(LoopId),
        ], made.Effects);
    }

    [Theory]
    [InlineData(true, 0, "Recorded: Hire for Dana Candidate. The loop is closed and the decision is on its way to the hiring channel (if it cannot be delivered, you will be told).")]
    [InlineData(false, 0, "Recorded: Hire for Dana Candidate. The loop is closed and the decision is on its way to the role's recruiters (if it cannot be delivered, you will be told).")]
    [InlineData(true, 1, "Recorded: Hire for Dana Candidate. The loop is closed and the decision is on its way to the hiring channel (if it cannot be delivered, you will be told). 1 booked round was cancelled and the calendar invitations are being withdrawn.")]
    [InlineData(false, 3, "Recorded: Hire for Dana Candidate. The loop is closed and the decision is on its way to the role's recruiters (if it cannot be delivered, you will be told). 3 booked rounds were cancelled and the calendar invitations are being withdrawn.")]
    public void The_confirmation_says_where_the_decision_goes_and_what_was_cancelled(bool channel, int cancelled, string text)
    {
        Assert.Equal(text, HiringDecision.Confirmation(Decide().Value!, "Dana Candidate", channel, cancelled));
    }
}
