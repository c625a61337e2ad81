namespace HireBot.Teams;

/// <summary>The connector's answer to create-conversation; Teams 1:1 ids start with <c>a:</c>.</summary>
public sealed record ConversationResourceResponse
{
    public string? Id { get; init; }
    public string? ActivityId { get; init; }
    public string? ServiceUrl { get; init; }
}
