using System.Text.Json.Nodes;
using HireBot.Cards;

namespace HireBot.Hiring;

/// <summary>
/// The first thing someone sees when HireBot is installed (Teams) or opened (Slack's Messages
/// tab): what HireBot does for this reader, the three commands to start with, and <c>help</c>.
/// A message card of wrapped text, not the help card's fact set (whose narrow title column
/// broke command names mid-word in Teams).
/// </summary>
public static class WelcomeMessage
{
    public enum Audience
    {
        /// <summary>Someone who sets up roles: a recruiter of a role, or the first person on a fresh deployment.</summary>
        Recruiter,

        /// <summary>Someone who interviews: kits, scorecards and reminders come to them.</summary>
        Panelist,

        /// <summary>A team channel or group chat: everyone at once.</summary>
        Everyone,
    }

    public const string Title = "Welcome to HireBot";

    private const string Recruits =
        "As a recruiter, you create a role, add its interviewers and candidates, and HireBot finds interview times, " +
        "sends every panelist their kit and scorecard, reminds them, and posts the digest for the decision.";

    private const string Interviews =
        "As an interviewer, you will get your interview kits and scorecards here, with a reminder if a scorecard is late.";

    /// <summary>For a team or group chat: kits and scorecards are private, so they never come here.</summary>
    private const string InterviewsInChannel =
        "As an interviewer, you will get your interview kits and scorecards in your own chat with HireBot, with a reminder if a scorecard is late.";

    public static BotReply For(Audience audience)
    {
        var (intro, start) = audience switch
        {
            Audience.Recruiter => (Recruits,
                "- `role create <role-id> <title>`: set up a role from the standard loop\n" +
                "- `role add <role-id> interviewer <email> pool <pool-id>`: add the people who interview\n" +
                "- `candidate add <role-id> <email> <name>`: add a candidate, then `schedule` them"),
            Audience.Panelist => (Interviews,
                "- `status`: your interviews and the scorecards you still owe\n" +
                "- `role list`: the open roles\n" +
                "- `role show <role-id>`: the rubric you score against"),
            _ => (Recruits + "\n\n" + InterviewsInChannel,
                "- `role create <role-id> <title>`: set up a role\n" +
                "- `candidate add <role-id> <email> <name>`: add a candidate\n" +
                "- `status`: your interviews and the scorecards you still owe"),
        };
        return new BotReply(CardNames.Message, new JsonObject
        {
            ["title"] = Title,
            ["text"] = $"{intro}\n\nTo start:\n{start}\n- `help`: every command",
        });
    }
}
