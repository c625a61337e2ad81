using Microsoft.Extensions.Logging;

namespace HireBot.Cards;

/// <summary>Log messages of the card layer (event ids 4100–4199). Template names and template text only, never bound data.</summary>
internal static partial class CardsLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Information, Message = "Loaded {Count} card templates from {Directory}")]
    public static partial void TemplatesLoaded(ILogger logger, int count, string directory);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "Card {Template} was bound with missing data for {Expression}")]
    public static partial void UnresolvedExpression(ILogger logger, string template, string expression);
}
