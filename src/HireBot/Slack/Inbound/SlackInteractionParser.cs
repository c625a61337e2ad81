using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace HireBot.Slack;

/// <summary>Reads the form field "payload" (JSON) of a verified interactivity request.</summary>
public static class SlackInteractionParser
{
    public static SlackParsed<SlackInteraction> Parse(ReadOnlySpan<byte> body)
    {
        var form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body));
        if (!form.TryGetValue("payload", out var payload) || string.IsNullOrEmpty(payload))
        {
            return SlackParsed<SlackInteraction>.Fail("interaction form lacks payload");
        }

        try
        {
            using var doc = JsonDocument.Parse(payload.ToString());
            return Parse(doc.RootElement);
        }
        catch (JsonException)
        {
            return SlackParsed<SlackInteraction>.Fail("interaction payload is not JSON");
        }
    }

    private static SlackParsed<SlackInteraction> Parse(JsonElement p)
    {
        var team = p.Str("team", "id") ?? p.Str("user", "team_id");
        var user = p.Str("user", "id");
        if (team is null || user is null)
        {
            return SlackParsed<SlackInteraction>.Fail("interaction lacks team or user");
        }

        var enterprise = p.Str("enterprise", "id");
        var view = p.Obj("view");
        return p.Str("type") switch
        {
            "block_actions" => BlockAction(p, team, user, enterprise),
            "view_submission" => ViewStateReader.Flatten(view.Obj("state").Obj("values")) is { } values
                && view.Str("id") is { } viewId
                ? SlackParsed<SlackInteraction>.Success(new SlackViewSubmission(
                    team, user, enterprise, p.Str("trigger_id"), viewId, view.Str("callback_id") ?? "",
                    view.Str("private_metadata"), view.Str("hash"), values))
                : SlackParsed<SlackInteraction>.Fail("view_submission lacks view id or has duplicate action_id"),
            "view_closed" => view.Str("id") is { } closedId
                ? SlackParsed<SlackInteraction>.Success(new SlackViewClosed(
                    team, user, enterprise, closedId, view.Str("callback_id") ?? "",
                    view.Str("private_metadata"), p.Bool("is_cleared")))
                : SlackParsed<SlackInteraction>.Fail("view_closed lacks view id"),
            _ => SlackParsed<SlackInteraction>.Fail("unsupported interaction type"),
        };
    }

    private static SlackParsed<SlackInteraction> BlockAction(JsonElement p, string team, string user, string? enterprise)
    {
        var action = p.Items("actions").FirstOrDefault();
        if (action.Str("action_id") is not { } actionId)
        {
            return SlackParsed<SlackInteraction>.Fail("block_actions lacks an action");
        }

        var container = p.Obj("container");
        var view = p.Obj("view");
        return SlackParsed<SlackInteraction>.Success(new SlackBlockAction(
            team, user, enterprise, p.Str("trigger_id"), actionId, action.Str("block_id"),
            ViewStateReader.ValuesOf(action),
            ChannelId: p.Str("channel", "id") ?? container.Str("channel_id"),
            MessageTs: container.Str("message_ts") ?? p.Str("message", "ts"),
            ResponseUrl: p.Str("response_url"),
            ViewId: view.Str("id") ?? container.Str("view_id"),
            ViewPrivateMetadata: view.Str("private_metadata")));
    }
}
