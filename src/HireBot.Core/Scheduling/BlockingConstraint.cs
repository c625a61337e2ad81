namespace HireBot.Core.Scheduling;

/// <summary>The constraint that made a round (or the request) impossible to schedule.</summary>
public enum BlockingConstraint
{
    InvalidInput,
    Qualification,
    CandidateAvailability,
    WorkingHours,
    Calendar,
    WeeklyCap,
    Sequencing,
}
