namespace HireBot.Core.Access;

/// <summary>
/// One row of <see cref="Permissions"/>: who may run <paramref name="Action"/> (a command name or a
/// card action verb) when it is aimed at a <paramref name="Target"/>. <paramref name="Open"/> admits
/// everyone, even without a relation; otherwise any relation in <paramref name="Allowed"/> does.
/// <paramref name="Refusal"/> is shown to someone who may know the target exists but is not allowed
/// (<c>{role}</c>, <c>{candidate}</c> and <c>{command}</c> are filled in). <paramref name="WhileOwing"/>,
/// when set, refuses anyone who still owes a scorecard on the candidate, with that text.
/// <paramref name="SeesEmails"/> are the relations shown people's email addresses.
/// </summary>
public sealed record AccessRule(
    string Action,
    TargetKind Target,
    Relation Allowed,
    string Refusal,
    bool Open = false,
    string? WhileOwing = null,
    Relation SeesEmails = Relation.None);
