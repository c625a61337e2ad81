using HireBot.Core.Loops;

namespace HireBot.Core.Tests.Loops;

public class LoopStateMachineTests
{
    [Theory]
    [InlineData(LoopState.Draft, LoopEvent.ScheduleRequested, LoopState.Scheduling)]
    [InlineData(LoopState.Scheduling, LoopEvent.OptionPicked, LoopState.Scheduled)]
    [InlineData(LoopState.Scheduled, LoopEvent.InterviewStarted, LoopState.InProgress)]
    [InlineData(LoopState.InProgress, LoopEvent.LastInterviewEnded, LoopState.AwaitingFeedback)]
    [InlineData(LoopState.AwaitingFeedback, LoopEvent.Decided, LoopState.Decided)]
    [InlineData(LoopState.Scheduled, LoopEvent.Rescheduled, LoopState.Scheduling)]
    [InlineData(LoopState.InProgress, LoopEvent.Withdrawn, LoopState.Withdrawn)]
    public void Legal_moves_lead_to_the_next_state(LoopState from, LoopEvent happened, LoopState to)
    {
        var outcome = LoopStateMachine.Apply(from, happened);

        Assert.True(outcome.IsOk, outcome.Error);
        Assert.Equal(to, outcome.Value);
    }

    [Theory]
    [InlineData(LoopState.Draft, LoopEvent.Decided, "draft")]
    [InlineData(LoopState.Decided, LoopEvent.Withdrawn, "already decided")]
    [InlineData(LoopState.Withdrawn, LoopEvent.ScheduleRequested, "withdrawn")]
    [InlineData(LoopState.Scheduling, LoopEvent.InterviewStarted, "being scheduled")]
    [InlineData(LoopState.Decided, LoopEvent.Decided, "decided")]
    public void Illegal_moves_are_errors_with_a_message(LoopState from, LoopEvent happened, string message)
    {
        var outcome = LoopStateMachine.Apply(from, happened);

        Assert.False(outcome.IsOk);
        Assert.Contains(message, outcome.Error);
    }
}
