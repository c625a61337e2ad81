namespace HireBot.Outbox;

public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>How often an idle dispatcher looks for due rows written by other instances or jobs (<c>Outbox__PollMilliseconds</c>).</summary>
    public int PollMilliseconds { get; set; } = 250;

    /// <summary>Rows claimed at once (<c>Outbox__BatchSize</c>).</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>Attempts before a message is marked failed (<c>Outbox__MaxAttempts</c>).</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>How long a claimed row stays ours before another dispatcher may take it (<c>Outbox__LeaseSeconds</c>).</summary>
    public int LeaseSeconds { get; set; } = 60;

    /// <summary>Sends in flight at once per instance (<c>Outbox__Concurrency</c>).</summary>
    public int Concurrency { get; set; } = 8;
}
