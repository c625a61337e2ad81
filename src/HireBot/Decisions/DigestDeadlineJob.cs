using Quartz;

namespace HireBot.Decisions;

/// <summary>
/// Fires at a loop's feedback deadline and posts the digest marked incomplete, naming who is
/// missing, unless the complete digest already went out or the loop was decided.
/// </summary>
[DisallowConcurrentExecution]
public sealed class DigestDeadlineJob(DigestPoster poster) : IJob
{
    public const string LoopIdKey = "loopId";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var loopId = Guid.Parse(context.MergedJobDataMap.GetString(LoopIdKey)!);
        using var org = Organisations.OrgScope.Enter(Organisations.OrgScope.FromJobData(context.MergedJobDataMap));
        try
        {
            await poster.PostAtDeadlineAsync(loopId, cancellationToken);
        }
        catch (Npgsql.NpgsqlException e) when (e.IsTransient || e.SqlState is "40P01" or "40001")
        {
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken); // not a hot loop while the database is away
            throw new JobExecutionException(e) { RefireImmediately = true }; // the deadline fires once: do not lose it
        }
    }
}
