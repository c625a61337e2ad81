namespace HireBot.Core.Scheduling;

/// <summary>
/// The request compiled onto a grid of equal slots: slot i starts at WindowStart + i·Resolution.
/// Every constraint that does not depend on the other rounds is precomputed here, so the search
/// only combines integers.
/// </summary>
internal sealed class SchedulingModel
{
    public required DateTimeOffset WindowStart { get; init; }
    public required TimeSpan Resolution { get; init; }
    public required int SlotCount { get; init; }
    public required int BufferSlots { get; init; }
    public required DayPreference Preference { get; init; }
    public required int MaxOptions { get; init; }

    /// <summary>Consecutive candidate-available slots from each slot.</summary>
    public required int[] CandidateRun { get; init; }

    /// <summary>Candidate-local day index of each slot; days are counted from <see cref="FirstDay"/>.</summary>
    public required int[] DayOfSlot { get; init; }

    public required int[] DayFirstSlot { get; init; }
    public required int[] DayEndSlot { get; init; }
    public required DateOnly FirstDay { get; init; }
    public required PersonModel[] People { get; init; }
    /// <summary>Set once by the builder, after the grid the rounds are compiled against.</summary>
    public RoundModel[] Rounds { get; set; } = [];

    public int DayCount => DayFirstSlot.Length;
    public DateTimeOffset TimeOf(int slot) => WindowStart + Resolution * slot;
}
