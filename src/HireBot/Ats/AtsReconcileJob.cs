using HireBot.Organisations;
using Quartz;

namespace HireBot.Ats;

/// <summary>
/// The periodic reconcile (<c>Ats__ReconcileMinutes</c>): one clustered job that starts each connected
/// organisation's <see cref="AtsSyncJob"/>, which pages through the ATS's changes since its watermark,
/// so a webhook that never arrived is caught within one period.
/// </summary>
[DisallowConcurrentExecution]
public sealed class AtsReconcileJob(AtsConnectionStore connections, TimeProvider clock) : IJob
{
    public static readonly JobKey Key = new("ats-reconcile", "ats");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var scheduler = context.Scheduler;
        foreach (var org in await connections.ConnectedOrgsAsync(cancellationToken))
            using (OrgScope.Enter(org))
                await AtsSyncJob.TriggerAsync(scheduler, clock, null, null, verify: false, cancellationToken);
    }
}
