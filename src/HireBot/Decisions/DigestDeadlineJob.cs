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
        await poster.PostAtDeadlineAsync(loopId, cancellationToken);
    }
}
