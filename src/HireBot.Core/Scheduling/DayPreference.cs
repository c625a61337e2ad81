namespace HireBot.Core.Scheduling;

/// <summary>How the candidate prefers the loop spread over the calendar.</summary>
public enum DayPreference
{
    /// <summary>Fewest interview days first, then the shortest span from first to last day.</summary>
    SingleDay,

    /// <summary>Shortest span from first to last day first (no skipped days), then fewest days.</summary>
    ConsecutiveDays,
}
