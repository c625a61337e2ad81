namespace HireBot.Decisions;

/// <summary>Log messages of digests and decisions (event ids 6200–6299). Ids only: never names, emails or feedback.</summary>
internal static partial class DecisionsLog
{
    [LoggerMessage(EventId = 6200, Level = LogLevel.Information, Message = "Digest of loop {LoopId} queued (deadline: {AtDeadline})")]
    public static partial void DigestPosted(ILogger logger, Guid loopId, bool atDeadline);

    [LoggerMessage(EventId = 6202, Level = LogLevel.Information, Message = "Decision recorded for loop {LoopId}")]
    public static partial void Decided(ILogger logger, Guid loopId);
}
