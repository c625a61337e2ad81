using System.Text.Json.Nodes;
using HireBot.Cards;
using HireBot.Outbox;

namespace HireBot.Teams;

/// <summary>
/// Delivers outbox rows to Teams: to a stored conversation (a channel post's thread when the id
/// names one), or to a person's 1:1 chat, opened proactively when none is stored. Teams allows
/// that for anyone in a team or group chat where the app is installed, so a person the bot does
/// not know yet is looked for in those rosters first; someone outside every installed scope gets
/// the app installed through Graph when that permission is granted, and is otherwise a final
/// failure that names them and the fix. Refusals that cannot change on a retry are final;
/// throttling, server errors and a chat opened a moment ago are retried.
/// </summary>
public sealed class TeamsChannelClient(
    BotConnectorClient connector, TeamsDirectory directory, TeamsRoster roster, TeamsAppInstaller installer, TrustedServiceUrls trusted,
    TeamsRateLimiter limiter, MessageRenderer renderer, TimeProvider clock) : IChannelClient
{
    public string Channel => "teams";

    /// <summary>Attempts after which a 1:1 chat that keeps refusing is a final failure (it was opened again in between).</summary>
    public const int RefusedChatAttempts = 3;

    /// <summary>How long to wait for Teams after opening a chat or installing the app before trying again.</summary>
    public static readonly TimeSpan SettleDelay = TimeSpan.FromSeconds(5);

    public async Task<DeliveryResult> DeliverAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        var resolved = await ResolveAsync(delivery, cancellationToken);
        if (resolved.Result is not null) return resolved.Result;
        var target = resolved.Target!;

        if (!limiter.TryAcquire(target.TenantId ?? "", target.ConversationId, out var next))
            return new DeliveryResult.Deferred(next - clock.GetUtcNow(), "Teams rate limit", Slotted: true);

        var activity = Activity.CardMessage(TeamsCardText.ForTeams(renderer.Render(delivery.Kind, delivery.Data)));
        var replaced = delivery.Replaces?["activityId"]?.GetValue<string>();
        var result = replaced is null
            ? await connector.SendToConversationAsync(target.ServiceUrl, target.ConversationId, activity, cancellationToken)
            : await connector.UpdateActivityAsync(target.ServiceUrl, target.ConversationId, replaced, activity, cancellationToken);
        if (result.Succeeded)
            return new DeliveryResult.Sent(Channel, new JsonObject
            {
                ["conversationId"] = target.ConversationId, ["activityId"] = result.Value?.Id ?? replaced, ["serviceUrl"] = target.ServiceUrl,
            });
        if (result.Outcome == ConnectorOutcome.Retryable)
            return new DeliveryResult.Retry(result.RetryAfter ?? TimeSpan.Zero, $"Teams answered HTTP {result.StatusCode} {result.ErrorCode}".TrimEnd());
        return await RefusedAsync(delivery, target, result.StatusCode, result.ErrorCode, cancellationToken);
    }

    /// <summary>Where a row goes. <paramref name="Who"/>: the person's email, or null for a conversation.</summary>
    private sealed record Target(string ServiceUrl, string? TenantId, string ConversationId, string? Who, string? UserId, bool JustOpened);

    private sealed record Resolved(Target? Target, DeliveryResult? Result);

    private async Task<Resolved> ResolveAsync(Delivery delivery, CancellationToken ct)
    {
        var recipient = delivery.Recipient;
        if (Recipients.TryConversation(recipient, out _, out var conversationId))
        {
            var baseId = BaseOf(conversationId);
            var known = await directory.ConversationAsync(baseId, ct);
            if (known is null)
                return Fail($"HireBot has never been added to the Teams conversation {baseId}, so it cannot post there. Add HireBot to that team or chat, or choose another channel with `role channel`.");
            trusted.Trust(known.Value.ServiceUrl); // stored only from verified activities
            return new(new(known.Value.ServiceUrl, known.Value.TenantId, conversationId, null, null, false), null);
        }
        if (!Recipients.TryPerson(recipient, out var email)) return Fail($"'{recipient}' is not a recipient HireBot understands.");

        var person = await directory.PersonAsync(email, ct);
        if (person is null && await roster.RefreshAsync(ct)) person = await directory.PersonAsync(email, ct);
        if (person is null) return new(null, await OutsideAnyScopeAsync(email, ct));

        var (userId, tenant, serviceUrl, personal) = person.Value;
        trusted.Trust(serviceUrl);
        if (personal is not null) return new(new(serviceUrl, tenant, personal, email, userId, false), null);

        var created = await connector.CreatePersonalConversationAsync(serviceUrl, userId, tenant ?? "", ct);
        if (created.Succeeded && created.Value?.Id is { } id)
        {
            await directory.SavePersonalConversationAsync(userId, id, ct);
            return new(new(serviceUrl, tenant, id, email, userId, true), null);
        }
        if (created.Outcome == ConnectorOutcome.Retryable)
            return new(null, new DeliveryResult.Retry(created.RetryAfter ?? TimeSpan.Zero, $"opening a 1:1 chat with {email}: Teams answered HTTP {created.StatusCode} {created.ErrorCode}".TrimEnd()));
        if (created.StatusCode is 403 or 404)
            return new(null, await NotInstalledAsync(email, $"Teams refused to open a 1:1 chat with them (HTTP {created.StatusCode} {created.ErrorCode})".TrimEnd(), ct));
        return Fail($"{email} could not be reached in Teams: opening a 1:1 chat failed (HTTP {created.StatusCode} {created.ErrorCode}).");
    }

    /// <summary>The person is in no installed team or chat and has not opened HireBot: install it for them, or say who and what to do.</summary>
    private Task<DeliveryResult> OutsideAnyScopeAsync(string email, CancellationToken ct) =>
        NotInstalledAsync(email, "they have not opened HireBot and are not in any team or group chat where HireBot is installed", ct);

    private async Task<DeliveryResult> NotInstalledAsync(string email, string why, CancellationToken ct)
    {
        if (!installer.IsEnabled)
            return new DeliveryResult.Failed(
                $"{email} could not be reached in Teams: {why}. Ask them to open HireBot in Teams (or add HireBot to a team they are in), " +
                "or have an admin grant HireBot the Graph permission TeamsAppInstallation.ReadWriteForUser.All and set Teams__ProactiveInstall=true.");
        var installed = await installer.InstallForUserAsync(email, ct);
        return installed switch
        {
            TeamsAppInstaller.Result.Installed or TeamsAppInstaller.Result.AlreadyInstalled =>
                // Teams now tells the bot about the new personal scope (installationUpdate), which stores the chat.
                new DeliveryResult.Retry(SettleDelay, $"installed HireBot for {email} through Graph; waiting for Teams to open the chat"),
            TeamsAppInstaller.Result.Retryable => new DeliveryResult.Retry(TimeSpan.Zero, $"installing HireBot for {email} through Graph: Graph is busy"),
            _ => new DeliveryResult.Failed(
                $"{email} could not be reached in Teams: {why}, and installing HireBot for them through Graph was refused ({installed}). " +
                "Check that an admin granted TeamsAppInstallation.ReadWriteForUser.All and that Teams__AppCatalogId names HireBot's app in the org catalog, or ask them to open HireBot in Teams."),
        };
    }

    private async Task<DeliveryResult> RefusedAsync(Delivery delivery, Target target, int status, string? code, CancellationToken ct)
    {
        var http = $"HTTP {status} {code}".TrimEnd();
        if (target.Who is null)
            return status is 403 or 404
                ? new DeliveryResult.Failed($"HireBot is not a member of the Teams conversation {BaseOf(target.ConversationId)} any more ({http}). Add HireBot to that team or chat again, or choose another channel with `role channel`.")
                : new DeliveryResult.Failed($"Teams refused the message to the conversation {BaseOf(target.ConversationId)} ({http}).");
        if (status is 403 or 404 && delivery.Attempt < RefusedChatAttempts)
        {
            // A chat opened a moment ago may not take messages yet; a stored one may be stale (the
            // app was reinstalled): forget it, so the next attempt opens it again.
            if (!target.JustOpened && target.UserId is not null) await directory.ForgetPersonalConversationAsync(target.UserId, ct);
            return new DeliveryResult.Retry(SettleDelay, $"the 1:1 chat with {target.Who} refused the message ({http}); trying again");
        }
        if (status is 403 or 404)
            return new DeliveryResult.Failed(
                $"{target.Who} could not be reached in Teams: their 1:1 chat with HireBot keeps refusing messages ({http}); they may have removed or blocked HireBot. " +
                "Ask them to open HireBot in Teams again.");
        return new DeliveryResult.Failed($"Teams refused the message to {target.Who} ({http}).");
    }

    private static Resolved Fail(string reason) => new(null, new DeliveryResult.Failed(reason));

    private static string BaseOf(string conversationId)
    {
        var cut = conversationId.IndexOf(";messageid=", StringComparison.OrdinalIgnoreCase);
        return cut < 0 ? conversationId : conversationId[..cut];
    }
}
