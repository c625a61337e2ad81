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
            return Recipients.Conversation("slack", typed[2..^1].Split('|')[0]);
        if (typed.StartsWith("conversation:", StringComparison.Ordinal)) return typed;
        return typed.Length == 0 ? null : Recipients.Conversation(actor.Channel, typed);
    }
}
