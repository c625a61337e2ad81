using Npgsql;

namespace HireBot.Storage;

/// <summary>
/// Keeps the planner's statistics of a queue table (inbox, outbox) current while it has a backlog.
/// Autovacuum analyses a table at most once a minute and only after a tenth of it changed, so in a
/// burst the planner still believes the queue is as small as it was before: measured in the load
/// bench, a claim's anti-join then scanned every waiting row of the table for each row it looked at
/// (300 ms a claim with 20,000 waiting, 3 ms once analysed). A claim loop whose batch came back full
/// calls <see cref="RefreshAsync"/>; the table is analysed at most once per <see cref="Every"/>.
/// A database user that may not analyse the table (not its owner) is told once and not asked again.
/// </summary>
public sealed partial class QueueStatistics(NpgsqlDataSource db, TimeProvider clock, string table, ILogger logger)
{
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(10);

    private DateTimeOffset _next = DateTimeOffset.MinValue;
    private bool _refused;

    /// <summary>Times the table was analysed (for tests and metrics).</summary>
    public int Analysed { get; private set; }

    public async Task RefreshAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (_refused || now < _next) return;
        _next = now + Every;
        try
        {
            await db.ExecuteAsync($"ANALYZE {table}", ct);
            Analysed++;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            _refused = true;
            LogRefused(logger, table);
        }
    }

    [LoggerMessage(EventId = 2009, Level = LogLevel.Warning, Message = "The database user may not ANALYZE {Table}; its statistics are left to autovacuum, and claims may be slow during bursts")]
    private static partial void LogRefused(ILogger logger, string table);
}
