using HireBot.Core.Scheduling;

namespace HireBot.Core.Loops;

/// <summary>
/// What the booking, rescheduling and cancelling use cases (<see cref="LoopBookings"/>) need to
/// know about a loop, read under the loop's lock: its state, the options of its latest proposal
/// run by number, its booked interviews with their panels, the time and who acts.
/// </summary>
public sealed record LoopSnapshot(
    Guid LoopId,
    LoopState State,
    IReadOnlyDictionary<int, ScheduleOption> Offered,
    IReadOnlyList<BookedInterview> Booked,
    DateTimeOffset Now,
    string Actor);
