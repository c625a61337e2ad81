namespace HireBot.Core.Nudges;

/// <summary>
/// How hard HireBot chases a missing scorecard. The first reminder comes
/// <see cref="FirstAfter"/> after the interview (moved out of quiet hours), the next at the start
/// of the panelist's next working day, then one per working day, at most
/// <see cref="MaxReminders"/> in all. Escalations are counted in the panelist's working hours,
/// so a weekend or a day off does not make a recruiter chase anyone.
/// </summary>
public sealed record NudgePolicy(TimeSpan FirstAfter, int MaxReminders, double RecruiterAfterWorkingHours, double ManagerAfterWorkingHours)
{
    public static NudgePolicy Default { get; } = new(TimeSpan.FromHours(1), 3, 24, 48);

    /// <summary>Null when the policy is usable, else what is wrong with it.</summary>
    public string? Validate() =>
        FirstAfter < TimeSpan.Zero ? "The first reminder cannot come before the interview ends."
        : MaxReminders < 1 ? "At least one reminder is needed."
        : RecruiterAfterWorkingHours <= 0 || ManagerAfterWorkingHours <= 0 ? "Escalation delays must be positive."
        : ManagerAfterWorkingHours < RecruiterAfterWorkingHours ? "The hiring manager is escalated to after the recruiter, not before."
        : null;
}
