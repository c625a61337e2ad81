namespace HireBot.Charts;

/// <summary>Chart events, by ids and sizes only.</summary>
public static partial class ChartsLog
{
    [LoggerMessage(EventId = 9100, Level = LogLevel.Debug, Message = "Chart ({Kind}) stored for loop {LoopId}: {Bytes} bytes")]
    public static partial void Stored(ILogger logger, string kind, Guid? loopId, int bytes);

    [LoggerMessage(EventId = 9101, Level = LogLevel.Warning, Message = "No TrueType font found for charts (set Charts__FontFile or install fonts-dejavu-core): chart text may not render")]
    public static partial void NoFont(ILogger logger);

    [LoggerMessage(EventId = 9102, Level = LogLevel.Information, Message = "Chart request refused: bad or expired signature")]
    public static partial void Refused(ILogger logger);
}
