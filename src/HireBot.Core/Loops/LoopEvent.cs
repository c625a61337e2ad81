namespace HireBot.Core.Loops;

/// <summary>What can happen to a loop; <see cref="LoopStateMachine"/> says where each leads.</summary>
public enum LoopEvent
{
    ScheduleRequested,
    OptionPicked,
    Rescheduled,
    InterviewStarted,
    LastInterviewEnded,
    Decided,
    Withdrawn,
}
