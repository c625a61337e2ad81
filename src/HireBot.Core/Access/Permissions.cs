using HireBot.Core.Roles;

namespace HireBot.Core.Access;

/// <summary>
/// Who may do what: every command of <see cref="Commands.CommandCatalog"/> and every card action
/// verb, by the actor's <see cref="Relation"/> to the target. The host loads the target, computes the
/// relations (<see cref="RelationsOf"/>) and asks <see cref="Check"/>; nothing else decides access.
/// <para>
/// Existence is not leaked: a role is visible to members of the organisation; a candidate (and their
/// loop and interviews) only to the role's recruiters and hiring managers and the candidate's panel.
/// Anyone else aimed at it is answered with <see cref="NotFoundText"/>, the same words as for a
/// target that does not exist.
/// </para>
/// </summary>
public static class Permissions
{
    public const Relation RecruitersAndManagers = Relation.Recruiter | Relation.HiringManager;

    private const string RunRefusal = "Only the recruiters and hiring managers of `{role}` can run `{command}`.";
    private const string RecruitersOnly = "Only the recruiters of `{role}` can run `{command}`.";
    private const string AdminsOnly = "Only an admin of this organisation (named in its settings, `Orgs__<key>__Admins`) can run `{command}`.";
    private const string Owing = "You are on {candidate}'s panel and have not submitted your scorecard yet. ";

    public static IReadOnlyList<AccessRule> Rules { get; } =
    [
        new("help", TargetKind.None, Relation.None, "", Open: true),
        new("role create", TargetKind.None, Relation.None, "", Open: true),
        // A stranger sees exactly what an organisation without roles shows.
        new("role list", TargetKind.None, Relation.Member, "No roles yet. Create one with `role create <role-id> <title>`."),
        new("role show", TargetKind.Role, Relation.Member, RunRefusal, SeesEmails: RecruitersAndManagers),
        new("role export", TargetKind.Role, Relation.Member, RunRefusal, SeesEmails: RecruitersAndManagers),
        new("role import", TargetKind.Role, RecruitersAndManagers, RunRefusal),
        new("role add", TargetKind.Role, RecruitersAndManagers, RunRefusal),
        new("role channel", TargetKind.Role, RecruitersAndManagers, RunRefusal),
        new("candidate add", TargetKind.Role, RecruitersAndManagers, RunRefusal),
        // Without a role the list holds only the roles the actor recruits for or manages.
        new("candidate list", TargetKind.None, Relation.None, "", Open: true),
        new("candidate list", TargetKind.Role, RecruitersAndManagers, RunRefusal),
        new("candidate show", TargetKind.Candidate, RecruitersAndManagers, RunRefusal),
        // Erasure and the record of who did what are the recruiters' (the data owners of the hiring process).
        new("candidate forget", TargetKind.Candidate, Relation.Recruiter, RecruitersOnly),
        new("loop create", TargetKind.Candidate, RecruitersAndManagers, RunRefusal),
        new("schedule", TargetKind.Candidate, RecruitersAndManagers, RunRefusal),
        new("reschedule", TargetKind.Candidate, RecruitersAndManagers, RunRefusal),
        new("cancel", TargetKind.Candidate, RecruitersAndManagers, RunRefusal),
        // Alone, status shows the actor's own interviews and owed scorecards.
        new("status", TargetKind.None, Relation.None, "", Open: true),
        new("status", TargetKind.Candidate, RecruitersAndManagers,
            "Only the role's recruiters and hiring managers can see a candidate's loop. `status` alone shows your own interviews."),
        new("nudge", TargetKind.Candidate, RecruitersAndManagers, RunRefusal),
        new("summary", TargetKind.Candidate, RecruitersAndManagers, RunRefusal,
            WhileOwing: Owing + "Others' feedback stays hidden until you have, so your judgment stays your own."),
        new("decide", TargetKind.Candidate, RecruitersAndManagers, RunRefusal,
            WhileOwing: Owing + "Submit it before deciding, so the decision does not shape your own assessment."),
        // Interviewers see only their own calibration, in the private note after a scorecard.
        new("calibration", TargetKind.Role, RecruitersAndManagers, RunRefusal),
        new("audit", TargetKind.Candidate, Relation.Recruiter, RecruitersOnly),
        // The ATS connection holds the organisation's API key: only its admins set it or sync all of it.
        new("ats connect", TargetKind.None, Relation.OrgAdmin, AdminsOnly),
        new("ats status", TargetKind.None, Relation.Member, "Only members of this organisation can see its ATS connection."),
        new("ats sync", TargetKind.None, Relation.OrgAdmin, AdminsOnly + " A role's recruiters can run `ats sync <role-id>`."),
        new("ats sync", TargetKind.Role, RecruitersAndManagers | Relation.OrgAdmin, RunRefusal),
        new("ats link", TargetKind.Candidate, Relation.Recruiter, RecruitersOnly),

        new("schedule.pick", TargetKind.Loop, RecruitersAndManagers, "Only the recruiters and hiring managers of `{role}` can book interviews."),
        // The retry button on a report of a calendar invitation that could not be sent.
        new("calendar.retry", TargetKind.Loop, RecruitersAndManagers, "Only the recruiters and hiring managers of `{role}` can book interviews."),
        new("replacement.accept", TargetKind.Interview, RecruitersAndManagers, "Only the recruiters and hiring managers of `{role}` can change a panel."),
        new("scorecard.open", TargetKind.Interview, Relation.InterviewPanelist, ScorecardRefusal),
        new("scorecard.submit", TargetKind.Interview, Relation.InterviewPanelist, ScorecardRefusal),
        new("scorecard.amend", TargetKind.Interview, Relation.InterviewPanelist, ScorecardRefusal),
        new("nudge.snooze", TargetKind.Interview, Relation.InterviewPanelist, "Only the panelist a reminder was sent to can snooze it."),
    ];

    private const string ScorecardRefusal = "Only the panelists who scored this interview can open or submit its scorecard.";

    /// <summary>The rule for an action aimed at a kind of target; null when there is none (then nobody may).</summary>
    public static AccessRule? Find(string action, TargetKind target) =>
        Rules.FirstOrDefault(r => r.Action == action && r.Target == target);

    /// <summary>The kinds of target <paramref name="action"/> has rules for.</summary>
    public static IReadOnlyList<TargetKind> TargetsOf(string action) => Rules.Where(r => r.Action == action).Select(r => r.Target).ToList();

    /// <summary>Whether an actor with these relations may know that such a target exists.</summary>
    public static bool Sees(TargetKind kind, Relation relations) => kind switch
    {
        TargetKind.None => true,
        TargetKind.Role => relations != Relation.None,
        _ => (relations & (RecruitersAndManagers | Relation.Panelist | Relation.Shadow | Relation.InterviewPanelist)) != 0,
    };

    public static AccessVerdict Check(string action, Target target, Relation relations, bool owesScorecard = false)
    {
        if (relations != Relation.None) relations |= Relation.Member;
        if (!Sees(target.Kind, relations)) return AccessVerdict.Hidden(target);
        if (Find(action, target.Kind) is not { } rule)
            return AccessVerdict.Refuse(target.Kind == TargetKind.None ? $"`{action}` needs a role or candidate." : $"`{action}` is not available here.");
        if (!rule.Open && (rule.Allowed & relations) == 0) return AccessVerdict.Refuse(Fill(rule.Refusal, action, target));
        if (owesScorecard && rule.WhileOwing is { } owing) return AccessVerdict.Refuse(Fill(owing, action, target), AccessOutcome.OwesScorecard);
        return AccessVerdict.Grant((rule.SeesEmails & relations) != 0);
    }

    /// <summary>What a target that does not exist, or is hidden from the actor, is answered with.</summary>
    public static string NotFoundText(Target target) => target.Kind switch
    {
        TargetKind.Role => $"No role `{target.Reference}`. `role list` shows them.",
        TargetKind.Candidate => $"No candidate `{target.Reference}`. `candidate list` shows them.",
        TargetKind.Loop => "That loop no longer exists.",
        TargetKind.Interview => "That interview no longer exists.",
        _ => "Not found.",
    };

    /// <summary>
    /// The actor's relations to a role and, when given, to a candidate's loop through the seats the
    /// actor holds on it; <paramref name="interviewId"/> names the interview a card action is about.
    /// </summary>
    public static Relation RelationsOf(string email, bool knownPerson, Role? role, IReadOnlyList<PanelSeat>? seats = null, Guid? interviewId = null)
    {
        var r = knownPerson ? Relation.Member : Relation.None;
        if (role is not null)
        {
            if (role.Recruiters.Contains(email, StringComparer.OrdinalIgnoreCase)) r |= Relation.Recruiter;
            if (role.HiringManagers.Contains(email, StringComparer.OrdinalIgnoreCase)) r |= Relation.HiringManager;
            if (role.Template.Pools.Any(p => p.Members.Concat(p.Trainees).Contains(email, StringComparer.OrdinalIgnoreCase))) r |= Relation.PoolInterviewer;
        }
        foreach (var seat in seats ?? [])
        {
            r |= seat.IsShadow ? Relation.Shadow : Relation.Panelist;
            if (!seat.IsShadow && seat.InterviewId == interviewId) r |= Relation.InterviewPanelist;
        }
        return r;
    }

    /// <summary>True while one of the actor's scoring seats on the loop has no scorecard.</summary>
    public static bool OwesScorecard(IReadOnlyList<PanelSeat> seats) => seats.Any(s => !s.IsShadow && !s.Submitted && !s.Cancelled);

    private static string Fill(string text, string action, Target target) =>
        text.Replace("{command}", action).Replace("{role}", target.Role ?? target.Reference).Replace("{candidate}", target.Candidate ?? target.Reference);
}
