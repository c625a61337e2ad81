namespace HireBot.Calendar.Google;

/// <summary>Google calendar log messages: ids, counts and error reasons only, never addresses or subjects.</summary>
internal static partial class GoogleCalendarLog
{
    [LoggerMessage(EventId = 5151, Level = LogLevel.Debug, Message = "freeBusy.query for {CalendarCount} calendars in {CallCount} calls")]
    public static partial void FreeBusyRead(ILogger logger, int calendarCount, int callCount);

    [LoggerMessage(EventId = 5152, Level = LogLevel.Information, Message = "Created Google event {EventId} for transaction {TransactionId} (first: {IsFirst})")]
    public static partial void EventCreated(ILogger logger, string eventId, string transactionId, bool isFirst);

    [LoggerMessage(EventId = 5153, Level = LogLevel.Information, Message = "Updated Google event {EventId}")]
    public static partial void EventUpdated(ILogger logger, string eventId);

    [LoggerMessage(EventId = 5154, Level = LogLevel.Information, Message = "Deleted Google event {EventId}")]
    public static partial void EventDeleted(ILogger logger, string eventId);

    [LoggerMessage(EventId = 5155, Level = LogLevel.Warning, Message = "Google event {EventId} not found during {Operation}")]
    public static partial void EventNotFound(ILogger logger, string eventId, string operation);

    [LoggerMessage(EventId = 5156, Level = LogLevel.Warning, Message = "Google {Operation} failed: {Failure} (HTTP {StatusCode}, reason {Reason})")]
    public static partial void CallFailed(ILogger logger, string operation, CalendarFailure failure, int? statusCode, string? reason);

    [LoggerMessage(EventId = 5157, Level = LogLevel.Debug, Message = "Google {Operation} answered {StatusCode} ({Reason}); retry after attempt {Attempt}")]
    public static partial void Retrying(ILogger logger, string operation, int statusCode, string? reason, int attempt);

    [LoggerMessage(EventId = 5158, Level = LogLevel.Information, Message = "Google sync token expired (410); full resync of the organiser calendar")]
    public static partial void FullResync(ILogger logger);

    [LoggerMessage(EventId = 5159, Level = LogLevel.Debug, Message = "Google event sync: {ChangedCount} changed events in {PageCount} pages (full: {IsFull})")]
    public static partial void Synced(ILogger logger, int changedCount, int pageCount, bool isFull);
}
