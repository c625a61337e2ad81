namespace HireBot.Commands;

/// <summary>Log messages of access decisions (event ids 6500–6509). Actions and target kinds only: never names, emails or references.</summary>
internal static partial class AccessLog
{
    [LoggerMessage(EventId = 6500, Level = LogLevel.Information, Message = "{Action} on a {Target} refused ({Why})")]
    public static partial void Refused(ILogger logger, string action, Core.Access.TargetKind target, Core.Access.AccessOutcome why);
}
