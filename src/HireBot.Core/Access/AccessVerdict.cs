namespace HireBot.Core.Access;

/// <summary>
/// Core's answer: allowed or not, the text to show when not, and whether the actor may see
/// people's email addresses in the answer. <see cref="NotFound"/> refusals read exactly like a
/// target that does not exist.
/// </summary>
public sealed record AccessVerdict(bool Allowed, string? Refusal, bool SeesEmails, AccessOutcome Outcome)
{
    public static AccessVerdict Grant(bool seesEmails) => new(true, null, seesEmails, AccessOutcome.Allowed);

    public static AccessVerdict Refuse(string reason, AccessOutcome why = AccessOutcome.NotAllowed) => new(false, reason, false, why);

    public static AccessVerdict Hidden(Target target) => new(false, Permissions.NotFoundText(target), false, AccessOutcome.NotFound);
}

public enum AccessOutcome
{
    Allowed,
    /// <summary>The actor may not know the target exists: answered like a target that does not.</summary>
    NotFound,
    NotAllowed,
    /// <summary>Refused while the actor still owes a scorecard on the candidate.</summary>
    OwesScorecard,
}
