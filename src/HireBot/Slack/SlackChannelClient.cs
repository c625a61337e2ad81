using System.Text.Json.Nodes;
using HireBot.Cards;
using HireBot.Outbox;
using Npgsql;

namespace HireBot.Slack;

/// <summary>
/// Delivers outbox rows to Slack: people in their DM with the bot (conversations.open, found by
/// email when the bot has not met them), channels by id. Cards become Block Kit messages; a
/// card with inputs (the scorecard) cannot live in a message, so Slack gets a button that opens
/// it as a modal. Rate limits are asked before each call; a wait goes back to the outbox. A channel
/// post answered not_in_channel joins the (public) channel once and sends again; every other
/// refusal is final or retryable as <see cref="SlackApiException"/> classifies it, with a reason
/// a recruiter can act on.
/// </summary>
public sealed class SlackChannelClient(
    SlackWebApiClient api, SlackResponseUrlClient responses, SlackWorkspaces workspaces, SlackRateLimiter limiter, MessageRenderer renderer,
    BlockKitTranslator translator, HireBot.Organisations.OrgDb db) : IChannelClient
{
    public string Channel => "slack";

    public async Task<DeliveryResult> DeliverAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        string? team = null;
        try
        {
            if (Recipients.TryConversation(delivery.Recipient, out _, out var answered))
            {
                if (SlackTargets.TryResponseUrl(answered, out var url, out var inChannel, out var replace))
                    return await RespondAsync(delivery, url, inChannel, replace, cancellationToken);
                if (SlackTargets.TryModal(answered, out team, out var trigger, out var fallback))
                    return await OpenModalAsync(delivery, team, trigger, fallback, cancellationToken);
            }
            (team, var channel, var error) = await ResolveAsync(delivery.Recipient, cancellationToken);
            if (error is not null) return new DeliveryResult.Failed(error);
            var token = await workspaces.TokenForAsync(team, cancellationToken);
            if (token is null)
                return workspaces.HomeTeamPending
                    ? new DeliveryResult.Retry(SlackHomeTeam.RetryEvery, "waiting for Slack to say which workspace SLACK_BOT_TOKEN belongs to")
                    : new DeliveryResult.Failed($"no Slack token for team {team ?? "(default)"}: HireBot is not installed there");

            var (text, blocks) = Render(delivery);
            var replaceTs = delivery.Replaces?["ts"]?.GetValue<string>();
            var method = replaceTs is null ? "chat.postMessage" : "chat.update";
            var wait = limiter.TryAcquire(method, team ?? "", channel);
            if (wait > TimeSpan.Zero) return new DeliveryResult.Deferred(wait, $"{method} rate limit");

            var message = new SlackMessage(channel!, text, blocks);
            SlackPostedMessage posted;
            if (replaceTs is not null)
                posted = await api.UpdateMessageAsync(token, message with { Channel = delivery.Replaces!["channel"]!.GetValue<string>() }, replaceTs, cancellationToken);
            else
                try
                {
                    posted = await api.PostMessageAsync(token, message, cancellationToken);
                }
                catch (SlackApiException e) when (e.ErrorCode == "not_in_channel")
                {
                    // A public channel the bot left (or was never added to): join it once and send again. A private
                    // one answers method_not_supported_for_channel_type, a final failure that says to invite the bot.
                    await api.JoinConversationAsync(token, channel!, cancellationToken);
                    posted = await api.PostMessageAsync(token, message, cancellationToken);
                }
            return new DeliveryResult.Sent(Channel, new JsonObject { ["channel"] = posted.ChannelId, ["ts"] = posted.Ts, ["team"] = team });
        }
        catch (SlackApiException e)
        {
            if (e.Kind == SlackFailureKind.RateLimited) limiter.Throttled(e.Method, team ?? "", e.RetryAfter ?? TimeSpan.FromSeconds(1));
            return e.Kind switch
            {
                SlackFailureKind.RateLimited => new DeliveryResult.Retry(e.RetryAfter ?? TimeSpan.FromSeconds(1), $"{e.Method}: rate limited"),
                SlackFailureKind.Retryable => new DeliveryResult.Retry(TimeSpan.Zero, e.Reason),
                _ => new DeliveryResult.Failed(e.Reason),
            };
        }
    }

    /// <summary>An answer to the request that carried <paramref name="url"/> (no token: the URL is the credential).</summary>
    private async Task<DeliveryResult> RespondAsync(Delivery delivery, string url, bool inChannel, bool replace, CancellationToken ct)
    {
        var (text, blocks) = Render(delivery);
        return await responses.PostAsync(url, new SlackResponseMessage(text, blocks, InChannel: inChannel, ReplaceOriginal: replace), ct) == SlackResponseUrlOutcome.Posted
            ? new DeliveryResult.Sent(Channel, null)
            : new DeliveryResult.Failed("the response_url is not on SLACK_RESPONSE_URL_HOSTS");
    }

    /// <summary>
    /// A card with inputs, opened as a modal on the request's trigger_id. Slack accepts a trigger
    /// for 3 s only: one that ran out is not tried again, and the person is told on the response_url
    /// to click again.
    /// </summary>
    private async Task<DeliveryResult> OpenModalAsync(Delivery delivery, string team, string trigger, string? fallback, CancellationToken ct)
    {
        var token = await workspaces.TokenForAsync(team, ct);
        if (token is null) return new DeliveryResult.Failed($"no Slack token for team {team}: HireBot is not installed there");
        try
        {
            await api.OpenViewAsync(token, trigger, translator.ToModal(renderer.Render(delivery.Kind, delivery.Data), delivery.Kind), ct);
            return new DeliveryResult.Sent(Channel, null);
        }
        catch (SlackApiException e) when (e.Kind == SlackFailureKind.Final || e.ErrorCode is "expired_trigger_id" or "invalid_trigger_id")
        {
            if (fallback is { Length: > 0 })
                await responses.PostAsync(fallback, new SlackResponseMessage("Slack did not let me open the form in time; please click the button again."), ct);
            return new DeliveryResult.Failed($"views.open: {e.Reason}");
        }
    }

    private (string Text, JsonArray Blocks) Render(Delivery delivery)
    {
        if (delivery.Kind == CardNames.Scorecard)
            return OpenScorecardBlocks(delivery.Data);
        var message = translator.ToMessage(renderer.Render(delivery.Kind, delivery.Data));
        return (message["text"]?.GetValue<string>() ?? delivery.Kind, message["blocks"]!.AsArray());
    }

    /// <summary>Slack messages cannot hold inputs: a short note and a button that opens the scorecard modal.</summary>
    private static (string, JsonArray) OpenScorecardBlocks(JsonObject data)
    {
        var text = $"Your scorecard for {data["candidate"]} ({data["round"]}) is ready. Please submit it while the interview is fresh.";
        return (text, new JsonArray(
            new JsonObject { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = text } },
            new JsonObject
            {
                ["type"] = "actions",
                ["elements"] = new JsonArray(new JsonObject
                {
                    ["type"] = "button", ["style"] = "primary", ["action_id"] = "scorecard.open",
                    ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Open scorecard" },
                    ["value"] = new JsonObject { ["interviewId"] = data["interviewId"]?.DeepClone() }.ToJsonString(),
                }),
            }));
    }

    private async Task<(string? Team, string? Channel, string? Error)> ResolveAsync(string recipient, CancellationToken ct)
    {
        if (Recipients.TryConversation(recipient, out _, out var conversation))
        {
            var slash = conversation.IndexOf('/');
            return slash > 0 ? (conversation[..slash], conversation[(slash + 1)..], null) : (null, conversation, null);
        }
        if (!Recipients.TryPerson(recipient, out var email)) return (null, null, "unknown recipient form");

        await using var cmd = db.CreateCommand("SELECT external_id, conversation_id FROM chat_identities WHERE channel = 'slack' AND email = $1 ORDER BY updated_at DESC LIMIT 1");
        cmd.Parameters.Add(new() { Value = email });
        string? team = null, user = null, dm = null;
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
            if (await reader.ReadAsync(ct))
            {
                var parts = reader.GetString(0).Split(':', 2);
                (team, user) = (parts[0], parts[1]);
                dm = reader.IsDBNull(1) ? null : reader.GetString(1);
            }
        if (dm is not null) return (team, dm, null);

        // Someone this organisation has not met on Slack is looked up in its own workspace only,
        // never in another organisation's (whose bot token would find a namesake there).
        team ??= await OwnWorkspaceAsync(ct);
        if (team is null) return (null, null, "this organisation has no Slack workspace to reach this person in");
        var token = await workspaces.TokenForAsync(team, ct);
        if (token is null) return (team, null, "no Slack token to reach this person");
        if (user is null)
        {
            var found = await api.LookupUserByEmailAsync(token, email, ct);
            if (found is null) return (null, null, $"{SlackApiException.Explain("users_not_found")} (users.lookupByEmail: users_not_found)");
            (team, user) = (found.TeamId, found.Id);
        }
        dm = await api.OpenConversationAsync(token, [user], ct);
        await using var save = db.CreateCommand(
            """
            WITH person AS (INSERT INTO people (email, display_name) VALUES ($2, split_part($2, '@', 1)) ON CONFLICT DO NOTHING)
            INSERT INTO chat_identities (channel, external_id, email, conversation_id, source) VALUES ('slack', $1, $2, $3, 'slack:' || split_part($1, ':', 1))
            ON CONFLICT (org_id, channel, external_id) DO UPDATE SET conversation_id = $3, updated_at = now()
            """);
        save.Parameters.Add(new() { Value = SlackPeople.ExternalId(team ?? "", user) });
        save.Parameters.Add(new() { Value = email });
        save.Parameters.Add(new() { Value = dm });
        await save.ExecuteNonQueryAsync(ct);
        return (team, dm, null);
    }

    private async Task<string?> OwnWorkspaceAsync(CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(
            "SELECT external_id FROM organisation_sources WHERE kind = 'slack-team' AND org_id = hirebot_org() ORDER BY external_id LIMIT 1");
        return await cmd.ExecuteScalarAsync(ct) as string;
    }
}
