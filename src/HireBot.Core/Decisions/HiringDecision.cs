using HireBot.Core.Loops;
using HireBot.Core.Text;

namespace HireBot.Core.Decisions;

/// <summary>
/// <c>decide</c> as a pure function: <c>hire</c> or <c>no-hire</c> with a reason, from any state the
/// <see cref="LoopStateMachine"/> lets a loop be decided from (scheduled, in progress, awaiting
/// feedback). It records the decision, announces it (before any calendar withdrawal is queued), cancels the rounds still booked, queues the
/// ATS export and drops the deadline digest. A loop decided once stays decided.
/// </summary>
public static class HiringDecision
{
    public const string Usage = "Decide `hire` or `no-hire`, then the reason: `decide <candidate> hire <reason>`.";
    public const string CalendarNote = "The hiring decision has been made; this interview is no longer needed.";

    public static Outcome<DecisionMade> Decide(DecisionSnapshot loop, DecisionRequest request)
    {
        var label = request.Decision.Trim().ToLowerInvariant() switch
        {
            "hire" => "Hire",
            "no-hire" or "nohire" or "no_hire" => "No hire",
            _ => null,
        };
        if (label is null) return Outcome<DecisionMade>.Fail(Usage);
        var reason = request.Reason.Trim();
        if (reason.Length > InputLimits.DecisionReasonChars)
            return Outcome<DecisionMade>.Fail(InputLimits.TooLong("The reason", reason.Length, InputLimits.DecisionReasonChars) + " Summarise it; the digest keeps the detail.");

        var moved = LoopStateMachine.Apply(loop.State, LoopEvent.Decided);
        if (!moved.IsOk)
            return Outcome<DecisionMade>.Fail(loop.State == LoopState.Decided && loop.EarlierDecision is { } earlier
                ? $"{loop.CandidateName}'s loop is already decided ({earlier}). Open a new loop with `loop create` to assess again."
                : moved.Error!);

        return new DecisionMade(label, moved.Value,
        [
            new LoopDecided(loop.LoopId, moved.Value, label, reason, request.ActorEmail, request.Now),
            new DecisionAnnounced($"decision:{loop.LoopId}", label, loop.CandidateName, request.ActorName, request.Now, reason),
            new RemainingRoundsCancelled(loop.LoopId, CalendarNote),
            new DecisionExportQueued(loop.LoopId),
            new DeadlineDigestDropped(loop.LoopId),
        ]);
    }

    /// <summary>The reply to the person who decided, once the effects are written.</summary>
    public static string Confirmation(DecisionMade made, string candidateName, bool toHiringChannel, int cancelledRounds)
    {
        var where = toHiringChannel ? "the hiring channel" : "the role's recruiters";
        var rounds = cancelledRounds == 0 ? "" : $" {Counted.Of(cancelledRounds, "booked round")} {(cancelledRounds == 1 ? "was" : "were")} cancelled" +
            " and the calendar invitations are being withdrawn.";
        return $"Recorded: {made.Decision} for {candidateName}. The loop is closed and the decision is on its way to {where} (if it cannot be delivered, you will be told).{rounds}";
    }
}
