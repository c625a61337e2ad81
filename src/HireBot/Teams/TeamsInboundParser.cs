using System.Text.Json;
using System.Text.RegularExpressions;

namespace HireBot.Teams;

/// <summary>
/// Turns a verified activity into a <see cref="TeamsInbound"/>. Pure: no I/O, no clock.
/// Platform words stop here.
/// </summary>
/// <remarks>https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/channel-and-group-conversations</remarks>
public static partial class TeamsInboundParser
{
    /// <summary>Null when the activity lacks what any answer needs (serviceUrl, channelId, conversation id).</summary>
    public static TeamsInbound? Parse(Activity activity)
    {
        var reference = ReferenceOf(activity);
        if (reference is null)
            return null;
        var id = activity.Id;
        return activity.Type switch
        {
            ActivityTypes.Message => ParseMessage(activity, reference),
            ActivityTypes.Invoke => ParseInvoke(activity, reference),
            ActivityTypes.ConversationUpdate => ParseConversationUpdate(activity, reference),
            ActivityTypes.InstallationUpdate => ParseInstallationUpdate(activity, reference),
            _ => new TeamsUnhandled(reference, id, false, $"activity type {activity.Type}"),
        };
    }

    public static TeamsConversationReference? ReferenceOf(Activity activity)
    {
        if (string.IsNullOrEmpty(activity.ServiceUrl) || string.IsNullOrEmpty(activity.ChannelId)
            || string.IsNullOrEmpty(activity.Conversation?.Id))
            return null;
        return new TeamsConversationReference(
            activity.ServiceUrl,
            activity.ChannelId,
            activity.Conversation.Id,
            activity.Conversation.ConversationType,
            activity.Conversation.TenantId ?? activity.ChannelData?.Tenant?.Id,
            activity.Recipient?.Id,
            activity.From?.Id,
            activity.From?.AadObjectId,
            activity.ChannelData?.Team?.Id);
    }

    /// <summary>
    /// The message text with the bot's @mention removed. Teams puts the mention inside
    /// <c>text</c> (<c>&lt;at&gt;Bot&lt;/at&gt; status</c>) and lists it in <c>entities</c>; some
    /// local tools send the tag without the entity, so a leading tag is stripped as a fallback.
    /// </summary>
    public static string CommandTextOf(Activity activity)
    {
        var text = activity.Text ?? "";
        var botId = activity.Recipient?.Id;
        var stripped = false;
        foreach (var entity in activity.Entities ?? [])
        {
            if (entity.Type == "mention" && botId is not null && entity.Mentioned?.Id == botId && !string.IsNullOrEmpty(entity.Text))
            {
                text = text.Replace(entity.Text, " ", StringComparison.Ordinal);
                stripped = true;
            }
        }
        if (!stripped)
            text = LeadingAtTag().Replace(text, " ");
        return text.Replace("&nbsp;", " ", StringComparison.Ordinal).Replace('\u00a0', ' ').Trim();
    }

    private static TeamsInbound ParseMessage(Activity activity, TeamsConversationReference reference)
    {
        // Action.Submit arrives as a message whose value is the merged card data.
        if (activity.Value is { ValueKind: JsonValueKind.Object } value)
        {
            return StringProperty(value, "verb") is { Length: > 0 } verb
                ? new TeamsCardAction(reference, activity.Id, false, verb, value, activity.ReplyToId, null)
                : new TeamsUnhandled(reference, activity.Id, false, "card submit without verb");
        }
        var text = CommandTextOf(activity);
        var locale = activity.Locale ?? activity.Entities?.FirstOrDefault(e => e.Type == "clientInfo")?.Locale;
        return text.Length == 0
            ? new TeamsUnhandled(reference, activity.Id, false, "empty message")
            : new TeamsCommand(reference, activity.Id, text, locale);
    }

    private static TeamsInbound ParseInvoke(Activity activity, TeamsConversationReference reference)
    {
        if (activity.Name != ActivityTypes.AdaptiveCardActionInvoke)
            return new TeamsUnhandled(reference, activity.Id, true, "unknown invoke name");
        if (activity.Value is not { ValueKind: JsonValueKind.Object } value
            || !value.TryGetProperty("action", out var action) || action.ValueKind != JsonValueKind.Object)
            return new TeamsUnhandled(reference, activity.Id, true, "invoke without value.action");
        if (StringProperty(action, "type") != "Action.Execute")
            return new TeamsUnhandled(reference, activity.Id, true, "action type is not Action.Execute");
        if (StringProperty(action, "verb") is not { Length: > 0 } verb)
            return new TeamsUnhandled(reference, activity.Id, true, "Action.Execute without verb");
        var data = action.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Object ? d : EmptyObject;
        return new TeamsCardAction(reference, activity.Id, true, verb, data, activity.ReplyToId, StringProperty(value, "trigger"));
    }

    private static TeamsInbound ParseConversationUpdate(Activity activity, TeamsConversationReference reference)
    {
        var botId = activity.Recipient?.Id;
        if (botId is not null && activity.MembersAdded?.Any(m => m.Id == botId) == true)
            return new TeamsInstallEvent(reference, activity.Id, true, ActivityTypes.ConversationUpdate);
        if (botId is not null && activity.MembersRemoved?.Any(m => m.Id == botId) == true)
            return new TeamsInstallEvent(reference, activity.Id, false, ActivityTypes.ConversationUpdate);
        return new TeamsUnhandled(reference, activity.Id, false, "conversationUpdate without the bot");
    }

    // installationUpdate action values: add, add-upgrade, remove, remove-upgrade.
    private static TeamsInbound ParseInstallationUpdate(Activity activity, TeamsConversationReference reference) =>
        activity.Action switch
        {
            "add" or "add-upgrade" => new TeamsInstallEvent(reference, activity.Id, true, ActivityTypes.InstallationUpdate),
            "remove" or "remove-upgrade" => new TeamsInstallEvent(reference, activity.Id, false, ActivityTypes.InstallationUpdate),
            _ => new TeamsUnhandled(reference, activity.Id, false, "installationUpdate with unknown action"),
        };

    private static string? StringProperty(JsonElement element, string name) =>
        element.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;

    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();

    [GeneratedRegex(@"^\s*<at>[^<]*</at>", RegexOptions.CultureInvariant)]
    private static partial Regex LeadingAtTag();
}
