namespace HireBot.Core.Loops;

/// <summary>
/// The loop's life: draft → scheduling → scheduled → in progress → awaiting feedback → decided,
/// with withdrawal possible until decided. An illegal move is an error with a message, never a
/// silent no-op, so a stale button or a double click is answered honestly.
/// </summary>
public static class LoopStateMachine
{
    private static readonly Dictionary<(LoopState, LoopEvent), LoopState> Moves = new()
    {
        [(LoopState.Draft, LoopEvent.ScheduleRequested)] = LoopState.Scheduling,
        [(LoopState.Scheduling, LoopEvent.ScheduleRequested)] = LoopState.Scheduling,
        [(LoopState.Scheduling, LoopEvent.OptionPicked)] = LoopState.Scheduled,
        [(LoopState.Scheduled, LoopEvent.Rescheduled)] = LoopState.Scheduling,
        [(LoopState.Scheduled, LoopEvent.InterviewStarted)] = LoopState.InProgress,
        [(LoopState.Scheduled, LoopEvent.LastInterviewEnded)] = LoopState.AwaitingFeedback,
        [(LoopState.InProgress, LoopEvent.InterviewStarted)] = LoopState.InProgress,
        [(LoopState.InProgress, LoopEvent.Rescheduled)] = LoopState.Scheduling,
        [(LoopState.InProgress, LoopEvent.LastInterviewEnded)] = LoopState.AwaitingFeedback,
        [(LoopState.InProgress, LoopEvent.Decided)] = LoopState.Decided,
        // An early decision (a failed screen, a withdrawn offer) closes the loop; decide cancels the rounds still booked.
        [(LoopState.Scheduled, LoopEvent.Decided)] = LoopState.Decided,
        [(LoopState.AwaitingFeedback, LoopEvent.Decided)] = LoopState.Decided,
        [(LoopState.AwaitingFeedback, LoopEvent.Rescheduled)] = LoopState.Scheduling,
    };

    public static Outcome<LoopState> Apply(LoopState from, LoopEvent happened)
    {
        if (happened == LoopEvent.Withdrawn)
        {
            return from is LoopState.Decided or LoopState.Withdrawn
                ? Outcome<LoopState>.Fail($"The loop is already {Describe(from)}; it cannot be withdrawn.")
                : LoopState.Withdrawn;
        }
        return Moves.TryGetValue((from, happened), out var to)
            ? to
            : Outcome<LoopState>.Fail($"The loop is {Describe(from)}, so it cannot be {Describe(happened)} now.");
    }

    public static string Describe(LoopState state) => state switch
    {
        LoopState.Draft => "a draft",
        LoopState.Scheduling => "being scheduled",
        LoopState.Scheduled => "scheduled",
        LoopState.InProgress => "in progress",
        LoopState.AwaitingFeedback => "awaiting feedback",
        LoopState.Decided => "decided",
        LoopState.Withdrawn => "withdrawn",
        _ => state.ToString(),
    };

    private static string Describe(LoopEvent happened) => happened switch
    {
        LoopEvent.ScheduleRequested => "scheduled",
        LoopEvent.OptionPicked => "booked",
        LoopEvent.Rescheduled => "rescheduled",
        LoopEvent.InterviewStarted => "started",
        LoopEvent.LastInterviewEnded => "finished",
        LoopEvent.Decided => "decided",
        _ => happened.ToString().ToLowerInvariant(),
    };
}
