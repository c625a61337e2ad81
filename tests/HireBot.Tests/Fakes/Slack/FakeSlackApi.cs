using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HireBot.Tests.Fakes.Slack;

/// <summary>
/// FakeSlack's method logic: token check first, then arguments, as the Web API reference describes.
/// Channels the test added answer as Slack does for the bot: not_in_channel when it has not joined a
/// public one, channel_not_found for a private one it was not invited to, is_archived. A channel id
/// the test never added (C…) is a public channel the bot is already in, so tests about other things
/// need not set one up; D… ids are the bot's DMs from conversations.open.
/// </summary>
internal static class FakeSlackApi
{
    public static JsonObject Answer(FakeSlackCall call, ConcurrentDictionary<string, FakeSlackUser> users, ConcurrentDictionary<string, FakeSlackChannel> channels, int n)
    {
        if (call.Method == "oauth.v2.access")
        {
            return OAuth(call);
        }

        // https://docs.slack.dev/apis/web-api/#authentication: no token → not_authed, unknown → invalid_auth.
        if (call.Authorization is not { } auth || !auth.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return FakeSlackPayloads.Error("not_authed");
        }

        var token = auth["Bearer ".Length..];
        if (token != FakeSlack.BotToken && token != FakeSlack.InstalledBotToken)
        {
            return FakeSlackPayloads.Error("invalid_auth");
        }

        var isJson = call.ContentType?.StartsWith("application/json", StringComparison.Ordinal) == true;
        string? Arg(string name) => isJson
            ? (call.Json.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null)
            : call.Form.GetValueOrDefault(name);
        var ts = $"1503435956.{n:D6}";
        return call.Method switch
        {
            "chat.postMessage" => Arg("channel") is { } c
                ? PostRefusal(channels, c) is { } refused ? Missing(refused) : FakeSlackPayloads.PostMessage(c, ts, Arg("text") ?? "")
                : Missing("channel_not_found"),
            "chat.update" => Arg("channel") is { } c && Arg("ts") is { } t ? FakeSlackPayloads.Update(c, t, Arg("text") ?? "") : Missing("message_not_found"),
            "chat.postEphemeral" => Arg("channel") is not null && Arg("user") is not null ? FakeSlackPayloads.PostEphemeral(ts) : Missing("user_not_in_channel"),
            "conversations.open" => Arg("users") is { } u
                ? u.Split(',').Length > 8 ? Missing("too_many_users") : FakeSlackPayloads.ConversationsOpen("D" + u.Split(',')[0])
                : Missing("users_list_not_supplied"),
            "conversations.info" => Arg("channel") is { } c ? Info(channels, c) : Missing("channel_not_found"),
            "conversations.join" => Arg("channel") is { } c ? Join(channels, c) : Missing("channel_not_found"),
            "views.open" => Arg("trigger_id") is not null ? View(call, n) : Missing("invalid_trigger_id"),
            "views.update" => Arg("view_id") is not null ? View(call, n) : Missing("not_found"),
            "users.lookupByEmail" => users.Values.FirstOrDefault(u => string.Equals(u.Email, Arg("email"), StringComparison.OrdinalIgnoreCase)) is { } byEmail
                ? FakeSlackPayloads.User(byEmail) : Missing("users_not_found"),
            "users.info" => Arg("user") is { } id && users.TryGetValue(id, out var byId) ? FakeSlackPayloads.User(byId) : Missing("user_not_found"),
            "auth.test" => FakeSlackPayloads.AuthTest(token == FakeSlack.BotToken ? FakeSlack.TeamId : FakeSlack.InstalledTeamId),
            _ => Missing("unknown_method"),
        };
    }

    /// <summary>chat.postMessage's documented refusals for a channel (https://docs.slack.dev/reference/methods/chat.postMessage#errors).</summary>
    private static string? PostRefusal(ConcurrentDictionary<string, FakeSlackChannel> channels, string id) =>
        !channels.TryGetValue(id, out var c) ? null
        : c.Deleted || (c.IsPrivate && !c.BotIsMember) ? "channel_not_found"
        : c.IsArchived ? "is_archived"
        : !c.BotIsMember ? "not_in_channel"
        : null;

    private static FakeSlackChannel Seen(ConcurrentDictionary<string, FakeSlackChannel> channels, string id) =>
        channels.TryGetValue(id, out var c) ? c : new FakeSlackChannel(id, id.ToLowerInvariant(), BotIsMember: true);

    private static JsonObject Info(ConcurrentDictionary<string, FakeSlackChannel> channels, string id)
    {
        if (id.StartsWith('D')) return FakeSlackPayloads.Conversation(new FakeSlackChannel(id, "", IsPrivate: true, BotIsMember: true), isIm: true);
        var c = Seen(channels, id);
        return c.Deleted || (c.IsPrivate && !c.BotIsMember) ? Missing("channel_not_found") : FakeSlackPayloads.Conversation(c);
    }

    /// <summary>https://docs.slack.dev/reference/methods/conversations.join: public channels only; a second join warns already_in_channel.</summary>
    private static JsonObject Join(ConcurrentDictionary<string, FakeSlackChannel> channels, string id)
    {
        if (id.StartsWith('D')) return Missing("method_not_supported_for_channel_type");
        var c = Seen(channels, id);
        if (c.Deleted) return Missing("channel_not_found");
        if (c.IsPrivate) return Missing(c.BotIsMember ? "method_not_supported_for_channel_type" : "channel_not_found");
        if (c.IsArchived) return Missing("is_archived");
        var already = c.BotIsMember;
        if (channels.ContainsKey(id)) channels[id] = c with { BotIsMember = true };
        var answer = FakeSlackPayloads.Conversation(c with { BotIsMember = true });
        if (already)
        {
            answer["warning"] = "already_in_channel";
            answer["response_metadata"] = new JsonObject { ["warnings"] = new JsonArray("already_in_channel") };
        }
        return answer;
    }

    private static JsonObject OAuth(FakeSlackCall call) =>
        call.Form.GetValueOrDefault("client_id") != FakeSlack.ClientId ? FakeSlackPayloads.Error("invalid_client_id")
        : call.Form.GetValueOrDefault("client_secret") != FakeSlack.ClientSecret ? FakeSlackPayloads.Error("bad_client_secret")
        : call.Form.GetValueOrDefault("code") != FakeSlack.ValidCode ? FakeSlackPayloads.Error("invalid_code")
        : FakeSlackPayloads.OAuthAccess();

    private static JsonObject View(FakeSlackCall call, int n) =>
        call.Json.TryGetProperty("view", out var view) && view.ValueKind == JsonValueKind.Object
            ? FakeSlackPayloads.View($"V{n:D8}", $"156772938.{n}", view.TryGetProperty("callback_id", out var cb) ? cb.GetString() : null)
            : Missing("invalid_arguments");

    private static JsonObject Missing(string code) => FakeSlackPayloads.Error(code);
}
