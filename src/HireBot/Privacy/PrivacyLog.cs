namespace HireBot.Privacy;

/// <summary>Privacy events, by ids only: a candidate's name or email never reaches a log.</summary>
public static partial class PrivacyLog
{
    [LoggerMessage(EventId = 8001, Level = LogLevel.Information, Message = "Forgot candidate {CandidateId}: {Loops} loops, {Interviews} interviews cancelled, {Withdrawn} pending messages withdrawn, {Scrubbed} scrubbed")]
    public static partial void Forgot(ILogger logger, Guid candidateId, int loops, int interviews, int withdrawn, int scrubbed);

    [LoggerMessage(EventId = 8002, Level = LogLevel.Information, Message = "Retention: {Count} candidates decided more than {Days} days ago erased in organisation {OrgId}")]
    public static partial void Retained(ILogger logger, int count, int days, Guid orgId);
}
