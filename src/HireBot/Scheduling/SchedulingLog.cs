using Microsoft.Extensions.Logging;

namespace HireBot.Scheduling;

/// <summary>Scheduling flow log messages: ids and counts only, never names, emails or subjects.</summary>
internal static partial class SchedulingLog
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Proposed {OptionCount} schedule options for loop {LoopId}")]
    public static partial void Proposed(ILogger logger, Guid loopId, int optionCount);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "No schedule for loop {LoopId}: {BlockerCount} blockers")]
    public static partial void Infeasible(ILogger logger, Guid loopId, int blockerCount);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Information, Message = "Booked loop {LoopId} option {OptionNo}")]
    public static partial void Booked(ILogger logger, Guid loopId, int optionNo);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Warning,
        Message = "Calendar event for interview {InterviewId} not created: {Failure}; the interview stays booked without an invitation until the pick is repeated")]
    public static partial void InviteFailed(ILogger logger, Guid interviewId, Calendar.CalendarFailure failure);

    [LoggerMessage(EventId = 6006, Level = LogLevel.Information, Message = "Cancelled {Count} interviews of loop {LoopId}")]
    public static partial void Cancelled(ILogger logger, Guid loopId, int count);

    [LoggerMessage(EventId = 6007, Level = LogLevel.Information, Message = "Panelist declined interview {InterviewId}; replacement proposed: {Proposed}")]
    public static partial void Declined(ILogger logger, Guid interviewId, bool proposed);

    [LoggerMessage(EventId = 6008, Level = LogLevel.Warning, Message = "Attendee responses of interview {InterviewId} not read: {Failure}")]
    public static partial void ResponsesFailed(ILogger logger, Guid interviewId, Calendar.CalendarFailure failure);

    [LoggerMessage(EventId = 6009, Level = LogLevel.Information, Message = "Replacement {ProposalId} accepted for interview {InterviewId}")]
    public static partial void Replaced(ILogger logger, Guid proposalId, Guid interviewId);

    [LoggerMessage(EventId = 6010, Level = LogLevel.Warning, Message = "{Command}: the calendar refused ({Failure}); the recruiter was told")]
    public static partial void CalendarRefused(ILogger logger, string command, Calendar.CalendarFailure failure);
}
