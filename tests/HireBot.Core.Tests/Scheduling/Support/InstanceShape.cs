namespace HireBot.Core.Tests.Scheduling.Support;

/// <summary>Size and texture of a generated scheduling instance.</summary>
public sealed record InstanceShape(
    int BusinessDays,
    int Rounds,
    int Interviewers,
    int SlotMinutes,
    double BusyFraction,
    int MaxPanelSize,
    int BufferMinutes)
{
    /// <summary>The benchmark case of issue 5: 5 rounds, 30 interviewers, 10 days at 15 minutes.</summary>
    public static InstanceShape Large => new(10, 5, 30, 15, 0.45, 2, 15);

    /// <summary>Small enough for exhaustive search.</summary>
    public static InstanceShape Small => new(2, 3, 5, 30, 0.4, 2, 30);
}
