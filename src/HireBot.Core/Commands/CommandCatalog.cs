namespace HireBot.Core.Commands;

/// <summary>Every command HireBot understands, in the order help lists them. Who may run each is <see cref="Access.Permissions"/>.</summary>
public static class CommandCatalog
{
    private static CommandSpec Spec(string name, string usage, string summary, string[] args, string[]? keywords = null) =>
        new(name, usage, summary, args, keywords ?? []);

    public static IReadOnlyList<CommandSpec> All { get; } =
    [
        Spec("help", "help [command]", "Show the commands, or the details of one.", ["topic*?"]),
        Spec("role create", "role create <role-id> <title> [template <template-id>] [channel <channel>|here]",
            "Create a role from a rubric template; you become its recruiter.", ["role", "title*"], ["template", "channel"]),
        Spec("role list", "role list", "List the open roles.", []),
        Spec("role show", "role show <role-id>", "Show a role's rubric, loop and people.", ["role"]),
        Spec("role export", "role export <role-id>", "Print the role's template as JSON to copy and edit.", ["role"]),
        Spec("role import", "role import <role-id> <template-json>", "Replace a role's template with edited JSON (validated; errors name the field).",
            ["role", "json*"]),
        Spec("role add", "role add <role-id> recruiter|manager|interviewer <email> [pool <pool-id>] [trainee yes]",
            "Add a recruiter, hiring manager or pool interviewer to a role.", ["role", "kind", "email"], ["pool", "trainee"]),
        Spec("role channel", "role channel <role-id> <channel>|here", "Set the hiring channel that receives digests.", ["role", "channel"]),
        Spec("candidate add", "candidate add <role-id> <email> <name>", "Add a candidate to a role and open a draft loop.",
            ["role", "email", "name*"]),
        Spec("candidate list", "candidate list [role-id]", "List the candidates of the roles you recruit for.", ["role?"]),
        Spec("candidate show", "candidate show <candidate>", "Show a candidate's loop.", ["candidate"]),
        Spec("candidate forget", "candidate forget <candidate>",
            "Erase a candidate's personal data and free text, keep the anonymised scores, cancel anything pending.", ["candidate"]),
        Spec("loop create", "loop create <candidate>", "Open a new loop for a candidate (after a withdrawn or decided one).", ["candidate"]),
        Spec("schedule", "schedule <candidate> [between <date> and <date>]", "Propose schedules for the loop.",
            ["candidate"], ["between", "and"]),
        Spec("reschedule", "reschedule <candidate> [between <date> and <date>]", "Cancel the booked rounds and propose new schedules.",
            ["candidate"], ["between", "and"]),
        Spec("cancel", "cancel <candidate>", "Cancel the loop's interviews and withdraw the loop.", ["candidate"]),
        Spec("status", "status [candidate]", "Where a loop stands, or your open scorecards.", ["candidate?"]),
        Spec("nudge", "nudge <candidate>", "Remind every panelist whose scorecard is missing, now.", ["candidate"]),
        Spec("summary", "summary <candidate>", "The hire / no-hire digest so far.", ["candidate"]),
        Spec("decide", "decide <candidate> hire|no-hire <reason>", "Record the final decision and close the loop.",
            ["candidate", "decision", "reason*"]),
        Spec("calibration", "calibration <role-id>",
            "Per interviewer of the role's pools: scorecards, leniency with its interval, agreement with the panel, median hours to submit.", ["role"]),
        Spec("audit", "audit <candidate>", "Who created, scheduled, scored, viewed, decided and forgot, with times.", ["candidate"]),
        Spec("ats connect", "ats connect greenhouse|ashby <api-key> [user <ats-user-id>] [template <template-id>] [secret <webhook-secret>] [url <api-url>]",
            "Connect the organisation's applicant tracking system (organisation admins).", ["kind", "key"], ["user", "template", "secret", "url"]),
        Spec("ats status", "ats status", "The ATS connection: verified, last sync, last error.", []),
        Spec("ats sync", "ats sync [role-id]", "Import from the ATS now (all jobs, or one role's job).", ["role?"]),
        Spec("ats link", "ats link <candidate> <ats-application-id>", "Link a candidate added by hand to their ATS application.", ["candidate", "atsid"]),
    ];

    public static CommandSpec? Find(string name) => All.FirstOrDefault(s => s.Name == name);
}
