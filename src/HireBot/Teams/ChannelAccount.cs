namespace HireBot.Teams;

/// <summary>
/// A user or bot on the channel. Teams user ids are <c>29:…</c> (unique per bot), the bot is
/// <c>28:{appId}</c>; <see cref="AadObjectId"/> is the Entra object id.
/// </summary>
/// <remarks>https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-api-reference#channelaccount-object</remarks>
public sealed record ChannelAccount
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public string? AadObjectId { get; init; }
    public string? Role { get; init; }
}
