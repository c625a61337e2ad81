namespace HireBot.Teams;

/// <summary>
/// The conversation an activity belongs to. Teams <see cref="ConversationType"/> is
/// <c>personal</c>, <c>groupChat</c> or <c>channel</c>; channel ids may carry <c>;messageid=…</c>.
/// </summary>
/// <remarks>https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-api-reference#conversationaccount-object</remarks>
public sealed record ConversationAccount
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public string? ConversationType { get; init; }
    public string? TenantId { get; init; }
    public bool? IsGroup { get; init; }
    public string? AadObjectId { get; init; }
}
