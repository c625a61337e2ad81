using HireBot.Outbox;

namespace HireBot.Hiring;

/// <summary>
/// Turns what a recruiter typed for the hiring channel into an outbox recipient: <c>here</c>
/// is the conversation the command came from; Slack's escaped mention <c>&lt;#C123|hiring&gt;</c>
/// names a Slack channel; anything else is a channel name on the actor's own platform.
/// </summary>
public static class HiringChannel
{
    public static string? Normalize(string typed, Actor actor)
    {
        typed = typed.Trim();
        if (typed.Equals("here", StringComparison.OrdinalIgnoreCase)) return actor.ReplyTo;
        if (typed.StartsWith("<#", StringComparison.Ordinal) && typed.EndsWith('>'))
        {
            // Slack ids are per workspace: keep the team of the conversation the command came from.
            var team = actor.ReplyTo is { } here && Recipients.TryConversation(here, out _, out var id) && id.Contains('/') ? id[..(id.IndexOf('/') + 1)] : "";
            return Recipients.Conversation("slack", team + typed[2..^1].Split('|')[0]);
        }
        if (typed.StartsWith("conversation:", StringComparison.Ordinal)) return typed;
        return typed.Length == 0 ? null : Recipients.Conversation(actor.Channel, typed);
    }

    /// <summary>
    /// The hiring channel as people read it, never an internal id: a Slack channel as Slack's own
    /// channel link (shown with its name), a Teams conversation by its kind (as the platform told us
    /// when it was set, <paramref name="kind"/>; from the id's shape otherwise), a local one by name.
    /// </summary>
    public static string Display(string? recipient, string? kind = null)
    {
        if (recipient is null) return "not set (digests go to the recruiters)";
        if (!Recipients.TryConversation(recipient, out var platform, out var id)) return recipient;
        return platform switch
        {
            "slack" => $"<#{id[(id.IndexOf('/') + 1)..]}>",
            "teams" => kind switch
            {
                "channel" => "a Teams channel",
                "groupChat" => "a Teams group chat",
                "personal" => "a Teams personal chat",
                _ => id.Contains("@thread.tacv2", StringComparison.OrdinalIgnoreCase) || id.Contains("@thread.skype", StringComparison.OrdinalIgnoreCase)
                    ? "a Teams channel" : "a Teams conversation",
            },
            _ => id,
        };
    }
}
