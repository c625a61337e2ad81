using HireBot.Calendar;

namespace HireBot.Inbox;

/// <summary>
/// How a command that failed in the background is judged: whether trying again can help (a
/// calendar or platform that did not answer, a timeout) or cannot (a refusal, a bug), and what
/// the user is told. The words name the cause, never the request's data.
/// </summary>
public static class CommandFailure
{
    /// <summary>Known not to change on another try: a calendar that refused the request.</summary>
    public static bool IsFinal(Exception e) => e is CalendarException { IsTransient: false };

    /// <summary>Known to be worth another try (the background Slack path retries only these).</summary>
    public static bool CanRetry(Exception e) => e switch
    {
        CalendarException c => c.IsTransient,
        HttpRequestException or TimeoutException or TaskCanceledException => true,
        Npgsql.NpgsqlException n => n.IsTransient,
        _ => false,
    };

    /// <summary>The cause, as a clause: "the calendar service did not answer".</summary>
    public static string Describe(Exception e) => e switch
    {
        CalendarException { Failure: CalendarFailure.Rejected } c =>
            $"the calendar refused the request ({c.StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no status"}{(c.ErrorCode is { } code ? " " + code : "")}); check HireBot's calendar permissions",
        CalendarException => "the calendar service did not answer",
        HttpRequestException or TimeoutException or TaskCanceledException => "a service HireBot depends on did not answer in time",
        Npgsql.NpgsqlException => "HireBot's database did not answer",
        _ => $"something went wrong inside HireBot ({e.GetType().Name})",
    };
}
