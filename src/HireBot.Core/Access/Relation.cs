namespace HireBot.Core.Access;

/// <summary>
/// How an actor stands to what a command or card action is aimed at. The host computes these from
/// the role, candidate and interview it loaded; an actor usually holds several (a recruiter who
/// also sits on the panel). Any relation implies <see cref="Member"/>.
/// </summary>
[Flags]
public enum Relation
{
    /// <summary>No relation at all: the actor is told "not found", exactly as if the target did not exist.</summary>
    None = 0,

    /// <summary>
    /// A member of the organisation. Until organisations exist (issue 13 item 1; the whole
    /// deployment is one organisation) this is computed as "a person this deployment knows":
    /// someone with a people row, which every admitted actor who has talked to the bot (Slack,
    /// Teams or the local channel) and everyone added to a role has. Once organisations land it
    /// must mean "of the target's organisation", so an actor of another one gets "not found".
    /// </summary>
    Member = 1,

    /// <summary>An interviewer or trainee in one of the role's pools.</summary>
    PoolInterviewer = 2,

    /// <summary>Shadows (does not score) an interview of the candidate's current loop.</summary>
    Shadow = 4,

    /// <summary>Scores an interview of the candidate's current loop.</summary>
    Panelist = 8,

    /// <summary>Scores the very interview a card action names (scorecards, reminders).</summary>
    InterviewPanelist = 16,

    /// <summary>A hiring manager of the role.</summary>
    HiringManager = 32,

    /// <summary>A recruiter of the role.</summary>
    Recruiter = 64,

    /// <summary>An admin of the actor's organisation (<c>Orgs__&lt;key&gt;__Admins</c>): connects the ATS.</summary>
    OrgAdmin = 128,
}
