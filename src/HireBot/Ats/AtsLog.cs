namespace HireBot.Ats;

/// <summary>ATS log lines: ids and counts, never candidate names, emails or feedback.</summary>
internal static partial class AtsLog
{
    [LoggerMessage(EventId = 1601, Level = LogLevel.Information, Message = "ATS import ({Kind}): {Roles} role(s), {Candidates} candidate(s), {Interviews} interview(s), {Problems} problem(s)")]
    public static partial void Imported(ILogger logger, string kind, int roles, int candidates, int interviews, int problems);

    [LoggerMessage(EventId = 1602, Level = LogLevel.Warning, Message = "ATS import ({Kind}) failed: {Error}")]
    public static partial void ImportFailed(ILogger logger, string kind, string error);

    [LoggerMessage(EventId = 1603, Level = LogLevel.Warning, Message = "ATS webhook refused: {Reason}")]
    public static partial void WebhookRefused(ILogger logger, string reason);

    [LoggerMessage(EventId = 1604, Level = LogLevel.Information, Message = "ATS webhook {Event} accepted for organisation {Org}")]
    public static partial void WebhookAccepted(ILogger logger, string @event, Guid org);

    [LoggerMessage(EventId = 1605, Level = LogLevel.Information, Message = "ATS connection ({Kind}) verified: {Ok}")]
    public static partial void Verified(ILogger logger, string kind, bool ok);
}
