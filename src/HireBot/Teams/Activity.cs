using System.Text.Json;

namespace HireBot.Teams;

/// <summary>
/// The Bot Framework activity fields HireBot reads and writes (System.Text.Json, camelCase via
/// <see cref="TeamsJson.Options"/>). Unknown fields are ignored, as the spec asks of receivers.
/// </summary>
/// <remarks>https://github.com/microsoft/botframework-sdk/blob/main/specs/botframework-activity/botframework-activity.md</remarks>
public sealed record Activity
{
    public string? Type { get; init; }
    public string? Id { get; init; }
    public DateTimeOffset? Timestamp { get; init; }
    public string? ServiceUrl { get; init; }
    public string? ChannelId { get; init; }
    public ChannelAccount? From { get; init; }
    public ChannelAccount? Recipient { get; init; }
    public ConversationAccount? Conversation { get; init; }
    public string? Text { get; init; }
    public string? TextFormat { get; init; }
    public string? Locale { get; init; }
    public JsonElement? Value { get; init; }
    public string? Name { get; init; }
    public string? ReplyToId { get; init; }
    public IReadOnlyList<ActivityEntity>? Entities { get; init; }
    public TeamsChannelData? ChannelData { get; init; }
    public IReadOnlyList<ChannelAccount>? MembersAdded { get; init; }
    public IReadOnlyList<ChannelAccount>? MembersRemoved { get; init; }
    public string? Action { get; init; }
    public IReadOnlyList<Attachment>? Attachments { get; init; }

    /// <summary>An outbound message carrying one Adaptive Card (already bound; Teams renders it as is).</summary>
    public static Activity CardMessage(object card, string? summaryText = null) => new()
    {
        Type = ActivityTypes.Message,
        Text = summaryText,
        Attachments = [new Attachment { ContentType = Attachment.AdaptiveCardContentType, Content = card }],
    };

    /// <summary>An outbound plain text message.</summary>
    public static Activity TextMessage(string text) => new() { Type = ActivityTypes.Message, Text = text };
}
