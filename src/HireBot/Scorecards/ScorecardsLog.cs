namespace HireBot.Scorecards;

/// <summary>Log messages of the scorecard flow (event ids 6100–6199). Ids only: never names, emails or feedback.</summary>
internal static partial class ScorecardsLog
{
    [LoggerMessage(EventId = 6100, Level = LogLevel.Information, Message = "Scorecard requested from {Count} panelists for interview {InterviewId}")]
    public static partial void Requested(ILogger logger, int count, Guid interviewId);

    [LoggerMessage(EventId = 6101, Level = LogLevel.Warning, Message = "Interview {InterviewId} has no scorecard shape: round {RoundId} is not in the role's template")]
    public static partial void NoShape(ILogger logger, Guid interviewId, string roundId);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Information, Message = "Loop {LoopId} feedback deadline set to {Deadline}")]
    public static partial void DeadlineSet(ILogger logger, Guid loopId, DateTimeOffset deadline);

    [LoggerMessage(EventId = 6110, Level = LogLevel.Information, Message = "Scorecard submitted for interview {InterviewId}")]
    public static partial void Submitted(ILogger logger, Guid interviewId);

    [LoggerMessage(EventId = 6111, Level = LogLevel.Information, Message = "Scorecard amended for interview {InterviewId} (saw others: {SawOthers})")]
    public static partial void Amended(ILogger logger, Guid interviewId, bool sawOthers);

    [LoggerMessage(EventId = 6112, Level = LogLevel.Information, Message = "Repeated scorecard submission for interview {InterviewId} answered with the stored version")]
    public static partial void Repeated(ILogger logger, Guid interviewId);

    [LoggerMessage(EventId = 6113, Level = LogLevel.Information, Message = "Private calibration note queued for the panelist of interview {InterviewId}")]
    public static partial void CalibrationNote(ILogger logger, Guid interviewId);
}
