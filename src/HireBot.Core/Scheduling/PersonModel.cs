namespace HireBot.Core.Scheduling;

/// <summary>An interviewer compiled onto the slot grid.</summary>
internal sealed class PersonModel
{
    public required string Email { get; init; }
    public required bool IsTrainee { get; init; }
    public required int Cap { get; init; }

    /// <summary>Consecutive slots from each slot that lie inside working hours.</summary>
    public required int[] WorkRun { get; init; }

    /// <summary>Consecutive slots from each slot inside working hours and not busy.</summary>
    public required int[] FreeRun { get; init; }

    /// <summary>Index into <see cref="Weeks"/> of each slot's local ISO week.</summary>
    public required int[] WeekOfSlot { get; init; }

    public required IsoWeek[] Weeks { get; init; }
    public required int[] WeekLoad { get; init; }

    /// <summary>True when one more interview in the week stays within the weekly cap.</summary>
    public bool HasRoom(int week, int extraUses) => WeekLoad[week] + extraUses + 1 <= Cap;

    /// <summary>Load before this seat relative to the cap, in thousandths (the balance cost).</summary>
    public long Cost(int week, int extraUses) => (WeekLoad[week] + extraUses) * 1000L / Math.Max(Cap, 1);
}
