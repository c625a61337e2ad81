namespace HireBot.Core.Access;

/// <summary>
/// Core's answer: allowed or not, the text to show when not, and whether the actor may see
/// people's email addresses in the answer. <see cref="NotFound"/> refusals read exactly like a
/// target that does not exist.
/// </summary>
public sealed record AccessVerdict(bool Allowed, string? Refusal, bool SeesEmails, bool NotFound = false)
{
    public static AccessVerdict Grant(bool seesEmails) => new(true, null, seesEmails);

    public static AccessVerdict Refuse(string reason) => new(false, reason, false);

    public static AccessVerdict Hidden(Target target) => new(false, Permissions.NotFoundText(target), false, NotFound: true);
}
