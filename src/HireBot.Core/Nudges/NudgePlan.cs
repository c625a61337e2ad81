namespace HireBot.Core.Nudges;

/// <summary>
/// The reminders and escalations planned for one panelist of one interview. Times are UTC
/// instants; they were placed in the panelist's own working hours.
/// </summary>
public sealed record NudgePlan(IReadOnlyList<PlannedReminder> Reminders, DateTimeOffset RecruiterEscalation, DateTimeOffset ManagerEscalation)
{
    /// <summary>
    /// The latest reminder due at <paramref name="now"/>, or null when none is due yet. After
    /// downtime several may be due; only the latest is sent (one catch-up, not a burst).
    /// </summary>
    public PlannedReminder? DueAt(DateTimeOffset now) => Reminders.LastOrDefault(r => r.At <= now);
}
