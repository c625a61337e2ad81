using Microsoft.Extensions.Logging;

namespace HireBot.Calendar;

/// <summary>Graph calendar log messages: ids and counts only, never addresses or subjects.</summary>
internal static partial class GraphCalendarLog
{
    [LoggerMessage(EventId = 5101, Level = LogLevel.Debug,
        Message = "getSchedule for {MailboxCount} mailboxes in {CallCount} calls")]
    public static partial void ScheduleRead(ILogger logger, int mailboxCount, int callCount);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Information,
        Message = "Created calendar event {EventId} for transaction {TransactionId}")]
    public static partial void EventCreated(ILogger logger, string eventId, string transactionId);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Information, Message = "Updated calendar event {EventId}")]
    public static partial void EventUpdated(ILogger logger, string eventId);

    [LoggerMessage(EventId = 5104, Level = LogLevel.Information, Message = "Cancelled calendar event {EventId}")]
    public static partial void EventCancelled(ILogger logger, string eventId);

    [LoggerMessage(EventId = 5105, Level = LogLevel.Warning,
        Message = "Calendar event {EventId} not found during {Operation}")]
    public static partial void EventNotFound(ILogger logger, string eventId, string operation);

    [LoggerMessage(EventId = 5106, Level = LogLevel.Warning,
        Message = "Graph {Operation} failed: {Failure} (HTTP {StatusCode}, code {ErrorCode})")]
    public static partial void CallFailed(
        ILogger logger, string operation, CalendarFailure failure, int? statusCode, string? errorCode);
}
