namespace HireBot.Core.Access;

/// <summary>What kind of thing a command or card action is aimed at.</summary>
public enum TargetKind
{
    /// <summary>Nothing in particular (help, role list, your own status).</summary>
    None,
    Role,
    Candidate,
    /// <summary>A candidate's loop, named by a card's loop id.</summary>
    Loop,
    /// <summary>One interview, named by a card's interview id.</summary>
    Interview,
}

/// <summary>
/// The target as the host loaded it: <paramref name="Reference"/> is what the user typed (or the
/// card's id) and is what "not found" repeats; <paramref name="Role"/> and <paramref name="Candidate"/>
/// name it in a refusal, which only people who may know it exists ever see.
/// </summary>
public sealed record Target(TargetKind Kind, string Reference = "", string? Role = null, string? Candidate = null)
{
    public static Target Nothing { get; } = new(TargetKind.None);
}
