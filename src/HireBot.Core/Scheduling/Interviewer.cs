using HireBot.Core.People;

namespace HireBot.Core.Scheduling;

/// <summary>
/// An interviewer as the scheduler sees them: keyed by work email, with the facts the host read
/// from the directory and free/busy (busy intervals) for the search window.
/// </summary>
public sealed record Interviewer
{
    public required string Email { get; init; }

    /// <summary>IANA time-zone id, for example "Europe/Berlin".</summary>
    public required string TimeZoneId { get; init; }

    /// <summary>Working stretches per weekday and days off, in <see cref="TimeZoneId"/>.</summary>
    public required WorkingHours WorkingHours { get; init; }

    /// <summary>Round ids this person may interview for, whatever their competencies.</summary>
    public IReadOnlyList<string> QualifiedRoundIds { get; init; } = [];

    /// <summary>Competencies this person may assess; covering a round's focus qualifies them.</summary>
    public IReadOnlyList<string> Competencies { get; init; } = [];

    /// <summary>Trainees only take shadow seats, never panel seats.</summary>
    public bool IsTrainee { get; init; }

    public int WeeklyCap { get; init; } = 5;

    /// <summary>Interviews already booked per ISO week (in the person's local calendar).</summary>
    public IReadOnlyDictionary<IsoWeek, int> LoadByWeek { get; init; } = new Dictionary<IsoWeek, int>();

    public IReadOnlyList<UtcInterval> Busy { get; init; } = [];
}
