using System.Globalization;
using System.Text.Json;

namespace HireBot.Slack;

/// <summary>Reads a verified Events API JSON body plus its retry headers.</summary>
public static class SlackEventParser
{
    public const string RetryNumHeader = "X-Slack-Retry-Num";
    public const string RetryReasonHeader = "X-Slack-Retry-Reason";

    public static SlackParsed<SlackEventRequest> Parse(ReadOnlySpan<byte> body, string? retryNum, string? retryReason)
    {
        // The JSON reader accepts invalid UTF-8 inside strings and only fails when a string is read.
        if (!System.Text.Unicode.Utf8.IsValid(body))
        {
            return SlackParsed<SlackEventRequest>.Fail("event body is not valid UTF-8");
        }

        try
        {
            var reader = new Utf8JsonReader(body);
            using var doc = JsonDocument.ParseValue(ref reader);
            return Parse(doc.RootElement, retryNum, retryReason);
        }
        catch (JsonException)
        {
            return SlackParsed<SlackEventRequest>.Fail("event body is not JSON");
        }
    }

    private static SlackParsed<SlackEventRequest> Parse(JsonElement root, string? retryNum, string? retryReason)
    {
        switch (root.Str("type"))
        {
            case "url_verification" when root.Str("challenge") is { } challenge:
                return SlackParsed<SlackEventRequest>.Success(new SlackUrlVerification(challenge));
            case "event_callback":
                break;
            default:
                return SlackParsed<SlackEventRequest>.Fail("unsupported event envelope");
        }

        var inner = root.Obj("event");
        if (root.Str("event_id") is not { } eventId || root.Str("team_id") is not { } teamId || inner.Str("type") is not { } type)
        {
            return SlackParsed<SlackEventRequest>.Fail("event_callback lacks event_id, team_id or event type");
        }

        var time = root.Obj("event_time") is { ValueKind: JsonValueKind.Number } t && t.TryGetInt64(out var s) ? s : 0;
        int? retry = int.TryParse(retryNum, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
        return SlackParsed<SlackEventRequest>.Success(new SlackEventCallback(
            eventId, teamId, root.Str("enterprise_id"), root.Str("api_app_id"), time, retry, retryReason, EventOf(type, inner)));
    }

    private static SlackEvent EventOf(string type, JsonElement e) => type switch
    {
        "app_uninstalled" => new SlackRevocation(true, [], []),
        "tokens_revoked" => new SlackRevocation(false, e.Obj("tokens").Strings("bot"), e.Obj("tokens").Strings("oauth")),
        "app_home_opened" when e.Str("user") is { } user => new SlackAppHomeOpened(user, e.Str("channel"), e.Str("tab")),
        _ => new SlackOtherEvent(type),
    };
}
