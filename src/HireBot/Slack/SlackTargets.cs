using HireBot.Outbox;

namespace HireBot.Slack;

/// <summary>
/// Outbox recipients that answer one Slack request rather than a person or a channel: a post to
/// the request's response_url (ephemeral or in the channel, replacing the clicked message or not),
/// or a modal opened on its trigger_id (with the response_url, if any, to say so when the 3 s
/// trigger ran out). Both are <c>conversation:slack:…</c>, so the Slack channel client delivers them.
/// </summary>
public static class SlackTargets
{
    private const string Response = "response:";
    private const string ModalPrefix = "modal:";

    public static string ResponseUrl(string url, bool inChannel, bool replace) =>
        Recipients.Conversation("slack", $"{Response}{(inChannel ? "in_channel" : "ephemeral")}:{(replace ? "replace" : "new")}:{url}");

    public static string Modal(string teamId, string triggerId, string? responseUrl) =>
        Recipients.Conversation("slack", $"{ModalPrefix}{teamId}/{triggerId}|{responseUrl}");

    public static bool TryResponseUrl(string conversationId, out string url, out bool inChannel, out bool replace)
    {
        url = "";
        inChannel = replace = false;
        if (!conversationId.StartsWith(Response, StringComparison.Ordinal)) return false;
        var parts = conversationId[Response.Length..].Split(':', 3);
        if (parts.Length < 3) return false;
        (inChannel, replace, url) = (parts[0] == "in_channel", parts[1] == "replace", parts[2]);
        return true;
    }

    public static bool TryModal(string conversationId, out string teamId, out string triggerId, out string? responseUrl)
    {
        teamId = triggerId = "";
        responseUrl = null;
        if (!conversationId.StartsWith(ModalPrefix, StringComparison.Ordinal)) return false;
        var rest = conversationId[ModalPrefix.Length..];
        var bar = rest.IndexOf('|');
        var slash = rest.IndexOf('/');
        if (bar < 0 || slash <= 0 || slash > bar) return false;
        (teamId, triggerId) = (rest[..slash], rest[(slash + 1)..bar]);
        responseUrl = bar + 1 < rest.Length ? rest[(bar + 1)..] : null;
        return triggerId.Length > 0;
    }
}
