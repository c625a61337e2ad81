namespace HireBot.Inbox;

public sealed class InboxOptions
{
    public const string Section = "Inbox";

    /// <summary>Rows claimed at once (<c>Inbox__BatchSize</c>).</summary>
    public int BatchSize { get; set; } = 64;

    /// <summary>Groups processed at once per instance (<c>Inbox__Concurrency</c>).</summary>
    public int Concurrency { get; set; } = 8;

    /// <summary>Attempts before a row is given up (<c>Inbox__MaxAttempts</c>).</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>How long a claim lasts before another worker may take the row (<c>Inbox__LeaseSeconds</c>).</summary>
    public int LeaseSeconds { get; set; } = 60;

    /// <summary>How often an idle worker looks for rows another instance accepted (<c>Inbox__PollMilliseconds</c>).</summary>
    public int PollMilliseconds { get; set; } = 250;

    /// <summary>
    /// Requests waiting for the next group-commit write (<c>Inbox__MaxQueued</c>). When the database
    /// falls this far behind, new requests are answered 503 with Retry-After (the platforms retry)
    /// instead of queueing without bound in memory.
    /// </summary>
    public int MaxQueued { get; set; } = 5_000;

    /// <summary>How long processed rows are kept, so a late platform retry is still recognised (<c>Inbox__KeepHours</c>).</summary>
    public int KeepHours { get; set; } = 24;
}
