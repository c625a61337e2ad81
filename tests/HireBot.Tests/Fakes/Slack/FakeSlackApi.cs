using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HireBot.Tests.Fakes.Slack;

/// <summary>FakeSlack's method logic: token check first, then arguments, as the Web API reference describes.</summary>
internal static class FakeSlackApi
{
    public static JsonObject Answer(FakeSlackCall call, ConcurrentDictionary<string, FakeSlackUser> users, int n)
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
            "chat.postMessage" => Arg("channel") is { } c ? FakeSlackPayloads.PostMessage(c, ts, Arg("text") ?? "") : Missing("channel_not_found"),
            "chat.update" => Arg("channel") is { } c && Arg("ts") is { } t ? FakeSlackPayloads.Update(c, t, Arg("text") ?? "") : Missing("message_not_found"),
            "chat.postEphemeral" => Arg("channel") is not null && Arg("user") is not null ? FakeSlackPayloads.PostEphemeral(ts) : Missing("user_not_in_channel"),
            "conversations.open" => Arg("users") is { } u
                ? u.Split(',').Length > 8 ? Missing("too_many_users") : FakeSlackPayloads.ConversationsOpen("D" + u.Split(',')[0])
                : Missing("users_list_not_supplied"),
            "views.open" => Arg("trigger_id") is not null ? View(call, n) : Missing("invalid_trigger_id"),
            "views.update" => Arg("view_id") is not null ? View(call, n) : Missing("not_found"),
            "users.lookupByEmail" => users.Values.FirstOrDefault(u => string.Equals(u.Email, Arg("email"), StringComparison.OrdinalIgnoreCase)) is { } byEmail
                ? FakeSlackPayloads.User(byEmail) : Missing("users_not_found"),
            "users.info" => Arg("user") is { } id && users.TryGetValue(id, out var byId) ? FakeSlackPayloads.User(byId) : Missing("user_not_found"),
            _ => Missing("unknown_method"),
        };
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
