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
}
