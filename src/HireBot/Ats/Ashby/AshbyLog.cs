using Microsoft.Extensions.Logging;

namespace HireBot.Ats.Ashby;

/// <summary>Ashby log messages: method names, status codes, ids and counts; never candidate data or bodies.</summary>
internal static partial class AshbyLog
{
    [LoggerMessage(EventId = 9401, Level = LogLevel.Debug, Message = "Ashby {Method} answered {Status} on attempt {Attempt}, waiting {WaitMs} ms")]
    public static partial void Retrying(ILogger logger, string method, int status, int attempt, long waitMs);

    [LoggerMessage(EventId = 9402, Level = LogLevel.Warning, Message = "Ashby {Method} refused: {Code}")]
    public static partial void Refused(ILogger logger, string method, string code);

    [LoggerMessage(EventId = 9403, Level = LogLevel.Information, Message = "Ashby {What} for application {ApplicationId} already recorded as {AtsId}; not written again")]
    public static partial void AlreadyWritten(ILogger logger, string what, string applicationId, string atsId);

    [LoggerMessage(EventId = 9404, Level = LogLevel.Information, Message = "Ashby {What} for application {ApplicationId} written as {AtsId}")]
    public static partial void Written(ILogger logger, string what, string applicationId, string atsId);

    [LoggerMessage(EventId = 9405, Level = LogLevel.Warning, Message = "Ashby webhook for organisation {OrgId} refused: {Why}")]
    public static partial void WebhookRefused(ILogger logger, Guid orgId, string why);

    [LoggerMessage(EventId = 9406, Level = LogLevel.Information, Message = "Ashby scorecard for application {ApplicationId}: {Mapped} ratings mapped to form fields, {AsText} written as text")]
    public static partial void ScorecardMapped(ILogger logger, string applicationId, int mapped, int asText);
}
