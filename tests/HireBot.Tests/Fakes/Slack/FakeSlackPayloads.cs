using System.Text.Json.Nodes;

namespace HireBot.Tests.Fakes.Slack;

/// <summary>
/// Success bodies shaped like the "Typical success response" examples on each method's reference page
/// (https://docs.slack.dev/reference/methods/NAME), trimmed to the fields the client reads plus a few more.
/// </summary>
internal static class FakeSlackPayloads
{
    public static JsonObject PostMessage(string channel, string ts, string text) => new()
    {
        ["ok"] = true, ["channel"] = channel, ["ts"] = ts,
        ["message"] = new JsonObject { ["type"] = "message", ["subtype"] = "bot_message", ["text"] = text, ["ts"] = ts },
    };

    public static JsonObject Update(string channel, string ts, string text) => new()
    {
        ["ok"] = true, ["channel"] = channel, ["ts"] = ts, ["text"] = text,
    };

    public static JsonObject PostEphemeral(string ts) => new() { ["ok"] = true, ["message_ts"] = ts };

    public static JsonObject ConversationsOpen(string channel) => new()
    {
        ["ok"] = true, ["channel"] = new JsonObject { ["id"] = channel },
    };

    /// <summary>conversations.info / conversations.join: {"ok":true,"channel":{…}} with the conversation object's flags.</summary>
    public static JsonObject Conversation(FakeSlackChannel c, bool isIm = false) => new()
    {
        ["ok"] = true,
        ["channel"] = new JsonObject
        {
            ["id"] = c.Id, ["name"] = isIm ? null : c.Name, ["is_channel"] = !isIm && !c.IsPrivate, ["is_group"] = !isIm && c.IsPrivate,
            ["is_im"] = isIm, ["is_mpim"] = false, ["is_private"] = c.IsPrivate, ["is_archived"] = c.IsArchived, ["is_general"] = false,
            ["is_member"] = c.BotIsMember, ["created"] = 1449252889, ["name_normalized"] = isIm ? null : c.Name,
        },
    };

    public static JsonObject View(string id, string hash, string? callbackId) => new()
    {
        ["ok"] = true,
        ["view"] = new JsonObject { ["id"] = id, ["team_id"] = FakeSlack.TeamId, ["type"] = "modal", ["hash"] = hash, ["callback_id"] = callbackId },
    };

    public static JsonObject User(FakeSlackUser u) => new()
    {
        ["ok"] = true,
        ["user"] = new JsonObject
        {
            ["id"] = u.Id, ["team_id"] = FakeSlack.TeamId, ["name"] = u.Id.ToLowerInvariant(), ["deleted"] = false,
            ["real_name"] = u.RealName, ["tz"] = u.TimeZone, ["tz_offset"] = -25200, ["is_bot"] = false,
            ["profile"] = new JsonObject { ["real_name"] = u.RealName, ["email"] = u.Email },
        },
    };

    public static JsonObject OAuthAccess() => new()
    {
        ["ok"] = true,
        ["access_token"] = FakeSlack.InstalledBotToken,
        ["token_type"] = "bot",
        ["scope"] = "commands,chat:write,im:write,channels:read,groups:read,channels:join,users:read,users:read.email",
        ["bot_user_id"] = "U0KRQLJ9H",
        ["app_id"] = "A0KRD7HC3",
        ["team"] = new JsonObject { ["name"] = "Example Team", ["id"] = FakeSlack.InstalledTeamId },
        ["enterprise"] = null,
        ["is_enterprise_install"] = false,
        ["authed_user"] = new JsonObject { ["id"] = "U1234" },
    };

    /// <summary>https://docs.slack.dev/reference/methods/auth.test: who the token belongs to.</summary>
    public static JsonObject AuthTest(string teamId) => new()
    {
        ["ok"] = true, ["url"] = "https://fake-workspace.slack.com/", ["team"] = "Fake Workspace", ["user"] = "hirebot",
        ["team_id"] = teamId, ["user_id"] = "U0BOTUSER", ["bot_id"] = "B0FAKEBOT", ["is_enterprise_install"] = false,
    };

    public static JsonObject Error(string code) => new() { ["ok"] = false, ["error"] = code };
}
