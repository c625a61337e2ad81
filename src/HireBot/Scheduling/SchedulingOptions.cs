namespace HireBot.Scheduling;

/// <summary>
/// Scheduling settings, bound from the <c>Scheduling</c> section (environment
/// <c>Scheduling__MaxOptions</c> and so on).
/// </summary>
public sealed class SchedulingOptions
{
    public const string Section = "Scheduling";

    /// <summary>Business days searched when the recruiter names no dates: the rest of today, then this many days (candidate's zone).</summary>
    public int DefaultBusinessDays { get; set; } = 10;

    /// <summary>Options shown on the card.</summary>
    public int MaxOptions { get; set; } = 3;

    /// <summary>Interviews per ISO week a panelist takes at most, counting what is already booked.</summary>
    public int WeeklyCap { get; set; } = 5;

    /// <summary>Break for the candidate between consecutive rounds.</summary>
    public int BufferMinutes { get; set; } = 15;

    /// <summary>
    /// Time the loop scheduler may search before it answers with the best options found so far
    /// (and says it stopped early); well under Slack's and Teams' patience.
    /// </summary>
    public int SearchMilliseconds { get; set; } = 1000;

    /// <summary>How often attendee responses of upcoming interviews are polled for declines.</summary>
    public int DeclinePollMinutes { get; set; } = 5;

    /// <summary>Problems that stop the bot from starting, each naming its variable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (DefaultBusinessDays is < 1 or > 40) errors.Add("Scheduling__DefaultBusinessDays must be between 1 and 40.");
        if (MaxOptions is < 1 or > 10) errors.Add("Scheduling__MaxOptions must be between 1 and 10.");
        if (WeeklyCap is < 1 or > 40) errors.Add("Scheduling__WeeklyCap must be between 1 and 40.");
        if (BufferMinutes is < 0 or > 240) errors.Add("Scheduling__BufferMinutes must be between 0 and 240.");
        if (SearchMilliseconds is < 50 or > 10_000) errors.Add("Scheduling__SearchMilliseconds must be between 50 and 10000.");
        if (DeclinePollMinutes is < 1 or > 1440) errors.Add("Scheduling__DeclinePollMinutes must be between 1 and 1440.");
        return errors;
    }
}
