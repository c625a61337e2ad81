using System.Globalization;
using Microsoft.Graph.Models;

namespace HireBot.Calendar;

/// <summary>
/// Converts between UTC instants and Graph's <c>dateTimeTimeZone</c> (a local date-time without
/// offset plus a zone name). We send UTC and ask for UTC with <c>Prefer: outlook.timezone</c>.
/// </summary>
internal static class GraphTime
{
    public const string Utc = "UTC";

    public const string PreferUtcHeader = "outlook.timezone=\"UTC\"";

    public static DateTimeTimeZone ToGraph(DateTimeOffset instant) => new()
    {
        DateTime = instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture),
        TimeZone = Utc,
    };

    /// <summary>
    /// Reads a Graph time as UTC. A zone other than UTC (the server ignored our Prefer header) is
    /// resolved through the system zone database, which knows Windows and IANA names.
    /// </summary>
    public static DateTimeOffset FromGraph(DateTimeTimeZone value)
    {
        var local = DateTime.Parse(
            value.DateTime ?? throw new FormatException("dateTimeTimeZone without dateTime."),
            CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        var zone = value.TimeZone;
        if (string.IsNullOrEmpty(zone) || zone.Equals(Utc, StringComparison.OrdinalIgnoreCase)
            || zone.Equals("Etc/UTC", StringComparison.OrdinalIgnoreCase))
        {
            return new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Utc));
        }

        var info = TimeZoneInfo.FindSystemTimeZoneById(zone);
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(unspecified, info));
    }
}
