namespace HireBot.Core.Scheduling;

/// <summary>Everything the loop scheduler needs; the host maps domain objects and free/busy to it.</summary>
public sealed record SchedulingRequest
{
    public required UtcInterval SearchWindow { get; init; }
    public required IReadOnlyList<UtcInterval> CandidateAvailability { get; init; }

    /// <summary>IANA id; interview days are counted as calendar dates in this zone.</summary>
    public string CandidateTimeZoneId { get; init; } = "UTC";

    /// <summary>Rounds in template order; the schedule keeps this order.</summary>
    public required IReadOnlyList<RoundRequirement> Rounds { get; init; }

    public required IReadOnlyList<Interviewer> Interviewers { get; init; }

    /// <summary>Minimum break between consecutive rounds.</summary>
    public TimeSpan Buffer { get; init; } = TimeSpan.FromMinutes(15);

    public DayPreference DayPreference { get; init; } = DayPreference.SingleDay;
    public TimeSpan SlotResolution { get; init; } = TimeSpan.FromMinutes(15);
    public int MaxOptions { get; init; } = 5;

    /// <summary>
    /// Search nodes the scheduler may visit before it stops and answers with the best options
    /// found (the result says it stopped early). A deterministic bound; the host adds a deadline.
    /// </summary>
    public long WorkLimit { get; init; } = 2_000_000;
}
