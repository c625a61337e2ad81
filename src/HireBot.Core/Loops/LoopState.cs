namespace HireBot.Core.Loops;

public enum LoopState
{
    Draft,
    Scheduling,
    Scheduled,
    InProgress,
    AwaitingFeedback,
    Decided,
    Withdrawn,
}
