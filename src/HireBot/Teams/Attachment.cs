namespace HireBot.Teams;

/// <summary>
/// A message attachment; cards use <see cref="AdaptiveCardContentType"/> with the finished card
/// object as <see cref="Content"/> (inbound content arrives as a <c>JsonElement</c>).
/// </summary>
public sealed record Attachment
{
    public const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";

    public string? ContentType { get; init; }
    public object? Content { get; init; }
    public string? ContentUrl { get; init; }
    public string? Name { get; init; }
}
