using HireBot.Core.Nudges;

namespace HireBot.Nudges;

/// <summary>The reminder cadence (<c>Nudges__*</c>); defaults follow issue 7.</summary>
public sealed class NudgeOptions
{
    public const string Section = "Nudges";

    /// <summary>Minutes after the interview before the first reminder (<c>Nudges__FirstAfterMinutes</c>).</summary>
    public double FirstAfterMinutes { get; set; } = 60;

    /// <summary>Reminders at most, one per working day after the first (<c>Nudges__MaxReminders</c>).</summary>
    public int MaxReminders { get; set; } = 3;

    /// <summary>Working hours of the panelist before the role's recruiters hear of it (<c>Nudges__RecruiterAfterWorkingHours</c>).</summary>
    public double RecruiterAfterWorkingHours { get; set; } = 24;

    /// <summary>Working hours before the hiring managers hear of it (<c>Nudges__ManagerAfterWorkingHours</c>).</summary>
    public double ManagerAfterWorkingHours { get; set; } = 48;

    /// <summary>The snooze offered on the reminder card, in hours (<c>Nudges__SnoozeHours</c>).</summary>
    public double SnoozeHours { get; set; } = 4;

    /// <summary>How often the clustered reminder sweep runs, in seconds: the most a reminder waits past its due time (<c>Nudges__SweepSeconds</c>).</summary>
    public double SweepSeconds { get; set; } = 5;

    /// <summary>Due events the sweep takes per transaction (<c>Nudges__SweepBatchSize</c>).</summary>
    public int SweepBatchSize { get; set; } = 1000;

    public NudgePolicy Policy => new(TimeSpan.FromMinutes(FirstAfterMinutes), MaxReminders, RecruiterAfterWorkingHours, ManagerAfterWorkingHours);
}
