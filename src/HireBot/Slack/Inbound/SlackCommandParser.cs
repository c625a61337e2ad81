using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace HireBot.Slack;

/// <summary>Reads the form body of a verified slash command request (fields per Bolt's command types).</summary>
public static class SlackCommandParser
{
    public static SlackParsed<SlackCommand> Parse(ReadOnlySpan<byte> body)
    {
        var form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body));
        string? Get(string key) => form.TryGetValue(key, out var v) ? v.ToString() : null;

        string?[] required = [Get("command"), Get("team_id"), Get("user_id"), Get("channel_id"), Get("response_url"), Get("trigger_id")];
        if (required.Any(string.IsNullOrEmpty))
        {
            return SlackParsed<SlackCommand>.Fail("command form lacks a required field");
        }

        return SlackParsed<SlackCommand>.Success(new SlackCommand(
            Command: Get("command")!,
            Text: Get("text") ?? "",
            TeamId: Get("team_id")!,
            UserId: Get("user_id")!,
            ChannelId: Get("channel_id")!,
            ResponseUrl: Get("response_url")!,
            TriggerId: Get("trigger_id")!,
            ApiAppId: Get("api_app_id"),
            EnterpriseId: NullIfEmpty(Get("enterprise_id")),
            IsEnterpriseInstall: Get("is_enterprise_install") == "true"));
    }

    /// <summary>Slack's unsigned certificate probe: a form with ssl_check=1, answered 200 and never dispatched.</summary>
    public static bool IsSslCheck(ReadOnlySpan<byte> body)
    {
        var form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body));
        return form.TryGetValue("ssl_check", out var v) && v == "1";
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
