using System.Globalization;

namespace HireBot.Tests.Support;

/// <summary>
/// The clock every bot a test starts runs on, and the one tests read for any time the bot compares
/// with its own (signatures, tokens, interview times): real time flowing from a fixed start, so the
/// suite sees the same weekday and hour whenever it runs. <c>HIREBOT_TEST_CLOCK</c> moves the start
/// (UTC): an instant (<c>2026-12-04T21:30:00Z</c>) or a weekday and time (<c>Fri 21:30</c>, the next
/// one after now). The default is the next Wednesday at 10:00 UTC. Deadlines for waiting may use it
/// too: only the offset differs from the system clock.
/// </summary>
public sealed class TestClock(DateTimeOffset start) : TimeProvider
{
    public const string Variable = "HIREBOT_TEST_CLOCK";

    private readonly TimeSpan _offset = start - System.GetUtcNow();

    /// <summary>The suite's clock, started once per test run.</summary>
    public static TestClock Shared { get; } = new(StartFrom(Environment.GetEnvironmentVariable(Variable), System.GetUtcNow()));

    public static DateTimeOffset Now => Shared.GetUtcNow();
    public static DateTime UtcNow => Shared.GetUtcNow().UtcDateTime;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + _offset;
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <summary>A clock that starts at the next <paramref name="day"/> <paramref name="time"/> (UTC) after now.</summary>
    public static TestClock At(DayOfWeek day, TimeSpan time) => new(Next(day, time, System.GetUtcNow()));

    public static DateTimeOffset StartFrom(string? setting, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(setting)) return Next(DayOfWeek.Wednesday, new TimeSpan(10, 0, 0), now);
        if (DateTimeOffset.TryParse(setting, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            && setting.Contains('-'))
            return at;
        var parts = setting.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 2 && Enum.GetValues<DayOfWeek>().FirstOrDefault(d => d.ToString().StartsWith(parts[0], StringComparison.OrdinalIgnoreCase)) is var day
            && day.ToString().StartsWith(parts[0], StringComparison.OrdinalIgnoreCase)
            && TimeSpan.TryParseExact(parts[1], @"hh\:mm", CultureInfo.InvariantCulture, out var time))
            return Next(day, time, now);
        throw new FormatException($"{Variable}='{setting}' is neither an instant (2026-12-04T21:30:00Z) nor a weekday and time (Fri 21:30).");
    }

    private static DateTimeOffset Next(DayOfWeek day, TimeSpan time, DateTimeOffset now)
    {
        var candidate = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero) + time;
        candidate = candidate.AddDays(((int)day - (int)candidate.DayOfWeek + 7) % 7);
        return candidate <= now ? candidate.AddDays(7) : candidate;
    }
}
