using System.Text.Json.Nodes;
using HireBot.Cards;
using HireBot.Outbox;

namespace HireBot.Teams;

/// <summary>
/// Delivers outbox rows to Teams: to a stored conversation, or to a person's 1:1 chat (created
/// proactively when none is stored, which works where the app is installed for them). Cards go
/// as Adaptive Card attachments; a row that replaces an earlier one updates that activity.
/// Per-thread and per-tenant limits are checked before each call; a wait goes back to the outbox.
/// </summary>
public sealed class TeamsChannelClient(
    BotConnectorClient connector, TeamsDirectory directory, TrustedServiceUrls trusted, TeamsRateLimiter limiter,
    MessageRenderer renderer, TimeProvider clock) : IChannelClient
{
    public string Channel => "teams";

    public async Task<DeliveryResult> DeliverAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        var target = await ResolveAsync(delivery.Recipient, cancellationToken);
        if (target.Error is not null) return new DeliveryResult.Failed(target.Error);
        var (serviceUrl, tenant, conversation) = (target.ServiceUrl!, target.TenantId ?? "", target.ConversationId!);

        if (!limiter.TryAcquire(tenant, conversation, out var next))
            return new DeliveryResult.Deferred(next - clock.GetUtcNow(), "Teams rate limit", Slotted: true);

        var activity = Activity.CardMessage(TeamsCardText.ForTeams(renderer.Render(delivery.Kind, delivery.Data)));
        var replaced = delivery.Replaces?["activityId"]?.GetValue<string>();
        var result = replaced is null
            ? await connector.SendToConversationAsync(serviceUrl, conversation, activity, cancellationToken)
            : await connector.UpdateActivityAsync(serviceUrl, conversation, replaced, activity, cancellationToken);
        return result.Outcome switch
        {
            ConnectorOutcome.Success => new DeliveryResult.Sent(Channel, new JsonObject
            {
                ["conversationId"] = conversation, ["activityId"] = result.Value?.Id ?? replaced, ["serviceUrl"] = serviceUrl,
            }),
            ConnectorOutcome.Retryable => new DeliveryResult.Retry(result.RetryAfter ?? TimeSpan.Zero, $"HTTP {result.StatusCode} {result.ErrorCode}"),
            _ => new DeliveryResult.Failed($"HTTP {result.StatusCode} {result.ErrorCode}"),
        };
    }

    private sealed record Target(string? ServiceUrl, string? TenantId, string? ConversationId, string? Error);

    private async Task<Target> ResolveAsync(string recipient, CancellationToken ct)
    {
        if (Recipients.TryConversation(recipient, out _, out var conversationId))
        {
            var known = await directory.ConversationAsync(conversationId, ct);
            if (known is null) return new(null, null, null, "the bot has no reference to this Teams conversation (install it there first)");
            trusted.Trust(known.Value.ServiceUrl); // stored only from verified activities
            return new(known.Value.ServiceUrl, known.Value.TenantId, conversationId, null);
        }
        if (!Recipients.TryPerson(recipient, out var email)) return new(null, null, null, "unknown recipient form");
        var person = await directory.PersonAsync(email, ct);
        if (person is null) return new(null, null, null, "this person has not used HireBot in Teams yet, so the bot cannot message them there");
        var (userId, tenant, serviceUrl, personal) = person.Value;
        trusted.Trust(serviceUrl);
        if (personal is not null) return new(serviceUrl, tenant, personal, null);

        var created = await connector.CreatePersonalConversationAsync(serviceUrl, userId, tenant ?? "", ct);
        if (!created.Succeeded || created.Value?.Id is not { } id)
            return new(null, null, null, $"could not open a 1:1 chat (HTTP {created.StatusCode} {created.ErrorCode})");
        await directory.SavePersonalConversationAsync(userId, id, ct);
        return new(serviceUrl, tenant, id, null);
    }
}
