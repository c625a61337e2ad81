using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace HireBot.Slack;

/// <summary>
/// Typed Web API client (https://docs.slack.dev/apis/web-api/). The bearer token is passed per call so
/// one client serves the single-workspace token and every OAuth-installed team alike. Failures throw
/// <see cref="SlackApiException"/>, classified for the outbox dispatcher; pacing is the
/// dispatcher's, through <see cref="SlackRateLimiter"/>.
/// </summary>
public sealed class SlackWebApiClient(HttpClient http, IOptions<SlackOptions> options)
{
    public async Task<SlackPostedMessage> PostMessageAsync(string token, SlackMessage message, CancellationToken ct)
    {
        var body = MessageBody(message);
        var r = await CallAsync(SlackMethodCatalog.PostMessage, token, body, ct);
        return new SlackPostedMessage(r.Str("channel") ?? message.Channel, r.Str("ts") ?? "");
    }

    /// <summary>Replaces text and blocks of a message the bot posted; message.Channel must be the id.</summary>
    public async Task<SlackPostedMessage> UpdateMessageAsync(string token, SlackMessage message, string ts, CancellationToken ct)
    {
        var body = MessageBody(message);
        body["ts"] = ts;
        body.Remove("thread_ts");
        var r = await CallAsync(SlackMethodCatalog.Update, token, body, ct);
        return new SlackPostedMessage(r.Str("channel") ?? message.Channel, r.Str("ts") ?? ts);
    }

    /// <summary>Shows a message only to userId in message.Channel; returns its message_ts.</summary>
    public async Task<string> PostEphemeralAsync(string token, SlackMessage message, string userId, CancellationToken ct)
    {
        var body = MessageBody(message);
        body["user"] = userId;
        var r = await CallAsync(SlackMethodCatalog.PostEphemeral, token, body, ct);
        return r.Str("message_ts") ?? "";
    }

    /// <summary>Opens (or finds) the DM with one user, or a group DM with up to 8; returns the D… channel id.</summary>
    public async Task<string> OpenConversationAsync(string token, IReadOnlyList<string> userIds, CancellationToken ct)
    {
        var body = new JsonObject { ["users"] = string.Join(',', userIds) };
        var r = await CallAsync(SlackMethodCatalog.ConversationsOpen, token, body, ct);
        return r.Str("channel", "id") ?? throw new SlackApiException("conversations.open", "invalid_response", SlackFailureKind.Final);
    }

    /// <summary>
    /// What the bot can see of a channel (https://docs.slack.dev/reference/methods/conversations.info).
    /// A private channel the bot was not invited to answers channel_not_found, as a deleted one does.
    /// </summary>
    public async Task<SlackConversation> GetConversationAsync(string token, string channel, CancellationToken ct)
    {
        var r = await CallAsync(SlackMethodCatalog.ConversationsInfo, token, Form(("channel", channel)), ct);
        return ConversationOf(r.Obj("channel")) ?? throw new SlackApiException("conversations.info", "invalid_response", SlackFailureKind.Final);
    }

    /// <summary>
    /// Joins a public channel (https://docs.slack.dev/reference/methods/conversations.join); joining
    /// again only warns already_in_channel. Private channels answer method_not_supported_for_channel_type.
    /// </summary>
    public async Task<SlackConversation> JoinConversationAsync(string token, string channel, CancellationToken ct)
    {
        var r = await CallAsync(SlackMethodCatalog.ConversationsJoin, token, new JsonObject { ["channel"] = channel }, ct);
        return ConversationOf(r.Obj("channel")) ?? throw new SlackApiException("conversations.join", "invalid_response", SlackFailureKind.Final);
    }

    /// <summary>Opens a modal; triggerId must be under 3 s old and unused.</summary>
    public async Task<SlackViewRef> OpenViewAsync(string token, string triggerId, JsonObject view, CancellationToken ct)
    {
        var body = new JsonObject { ["trigger_id"] = triggerId, ["view"] = view.DeepClone() };
        return ViewOf(await CallAsync(SlackMethodCatalog.ViewsOpen, token, body, ct), "views.open");
    }

    public async Task<SlackViewRef> UpdateViewAsync(string token, string viewId, string? hash, JsonObject view, CancellationToken ct)
    {
        var body = new JsonObject { ["view_id"] = viewId, ["view"] = view.DeepClone() };
        if (hash is not null)
        {
            body["hash"] = hash;
        }

        return ViewOf(await CallAsync(SlackMethodCatalog.ViewsUpdate, token, body, ct), "views.update");
    }

    /// <summary>Finds a workspace member by work email; null when Slack answers users_not_found (an expected outcome).</summary>
    public async Task<SlackUser?> LookupUserByEmailAsync(string token, string email, CancellationToken ct)
    {
        try
        {
            var r = await CallAsync(SlackMethodCatalog.LookupByEmail, token, Form(("email", email)), ct);
            return UserOf(r.Obj("user"));
        }
        catch (SlackApiException e) when (e.ErrorCode == "users_not_found")
        {
            return null;
        }
    }

    public async Task<SlackUser> GetUserAsync(string token, string userId, CancellationToken ct)
    {
        var r = await CallAsync(SlackMethodCatalog.UsersInfo, token, Form(("user", userId)), ct);
        return UserOf(r.Obj("user")) ?? throw new SlackApiException("users.info", "invalid_response", SlackFailureKind.Final);
    }

    /// <summary>The workspace a bot token belongs to (https://docs.slack.dev/reference/methods/auth.test): its team_id.</summary>
    public async Task<string> TeamOfTokenAsync(string token, CancellationToken ct)
    {
        var r = await CallAsync(SlackMethodCatalog.AuthTest, token, Form(), ct);
        return r.Str("team_id") ?? throw new SlackApiException("auth.test", "invalid_response", SlackFailureKind.Final);
    }

    /// <summary>Trades an install code for a bot token (https://docs.slack.dev/reference/methods/oauth.v2.access).</summary>
    public async Task<SlackOAuthAccess> ExchangeOAuthCodeAsync(string code, string redirectUri, CancellationToken ct)
    {
        var o = options.Value;
        var form = Form(("client_id", o.ClientId), ("client_secret", o.ClientSecret), ("code", code), ("redirect_uri", redirectUri));
        var r = await CallAsync(SlackMethodCatalog.OAuthAccess, null, form, ct);
        if (r.Str("team", "id") is not { } team || r.Str("access_token") is not { } token || r.Str("bot_user_id") is not { } bot)
        {
            throw new SlackApiException("oauth.v2.access", "invalid_response", SlackFailureKind.Final);
        }

        var scopes = (r.Str("scope") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new SlackOAuthAccess(team, r.Str("team", "name"), r.Str("enterprise", "id"), bot, token, r.Str("app_id"), scopes);
    }

    private async Task<JsonElement> CallAsync(SlackMethodInfo method, string? token, object body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, method.Name)
        {
            Content = body is JsonObject json
                ? new StringContent(json.ToJsonString(), Encoding.UTF8, "application/json")
                : (HttpContent)body,
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await SlackHttp.SendAsync(http, request, method.Name, ct);
        return await SlackHttp.ReadOkAsync(response, method.Name, ct);
    }

    private static JsonObject MessageBody(SlackMessage m)
    {
        var body = new JsonObject { ["channel"] = m.Channel, ["text"] = m.Text };
        if (m.Blocks is not null)
        {
            body["blocks"] = m.Blocks.DeepClone();
        }

        if (m.ThreadTs is not null)
        {
            body["thread_ts"] = m.ThreadTs;
        }

        return body;
    }

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => KeyValuePair.Create(f.Key, f.Value)));

    private static SlackViewRef ViewOf(JsonElement r, string method) =>
        r.Str("view", "id") is { } id
            ? new SlackViewRef(id, r.Str("view", "hash"))
            : throw new SlackApiException(method, "invalid_response", SlackFailureKind.Final);

    private static SlackConversation? ConversationOf(JsonElement c) =>
        c.Str("id") is { } id
            ? new SlackConversation(id, c.Str("name"), c.Bool("is_private"), c.Bool("is_archived"), c.Bool("is_member"), c.Bool("is_im"))
            : null;

    private static SlackUser? UserOf(JsonElement u) =>
        u.Str("id") is { } id
            ? new SlackUser(id, u.Str("team_id"), u.Str("profile", "email"), u.Str("real_name") ?? u.Str("profile", "real_name"),
                u.Str("tz"), u.Bool("is_bot"), u.Bool("deleted"))
            : null;
}
