using System.Globalization;

namespace HireBot.Core.Scheduling;

/// <summary>An ISO 8601 week: the unit of an interviewer's weekly interview cap.</summary>
public readonly record struct IsoWeek(int Year, int Week)
{
    public static IsoWeek Of(DateOnly date)
    {
        var at = date.ToDateTime(TimeOnly.MinValue);
        return new IsoWeek(ISOWeek.GetYear(at), ISOWeek.GetWeekOfYear(at));
    }

    public override string ToString() => $"{Year}-W{Week:00}";
}
