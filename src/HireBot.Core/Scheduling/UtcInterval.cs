namespace HireBot.Core.Scheduling;

/// <summary>A half-open time interval [Start, End) on the UTC axis.</summary>
public readonly record struct UtcInterval(DateTimeOffset Start, DateTimeOffset End)
{
    public TimeSpan Duration => End - Start;
}
