using HireBot.Organisations;
using Quartz;

namespace HireBot.Ats;

/// <summary>
/// One organisation's import (<see cref="AtsImporter"/>), as a clustered Quartz job so that a webhook,
/// <c>ats sync</c> and the periodic reconcile of every instance run it one at a time per organisation
/// (the job key names the organisation; <see cref="DisallowConcurrentExecutionAttribute"/>). A
/// webhook only triggers it: the import refetches from the ATS rather than trusting the payload.
/// With <see cref="VerifyKey"/> set, it is the background check of a new connection instead, and
/// tells the admin how it went.
/// </summary>
[DisallowConcurrentExecution]
public sealed class AtsSyncJob(AtsImporter importer, AtsVerifier verifier) : IJob
{
    public const string JobIdKey = "atsJobId";
    public const string ApplicationIdKey = "atsApplicationId";
    public const string VerifyKey = "atsVerify";

    public static JobKey KeyFor(Guid org) => new($"ats-sync-{org}", "ats");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var data = context.MergedJobDataMap;
        using var scope = OrgScope.Enter(OrgScope.FromJobData(data));
        if (data.ContainsKey(VerifyKey) && data.GetString(VerifyKey) == "true") await verifier.VerifyAsync(cancellationToken);
        else await importer.ImportAsync(Value(data, JobIdKey), Value(data, ApplicationIdKey), cancellationToken);
    }

    private static string? Value(JobDataMap data, string key) => data.ContainsKey(key) && data.GetString(key) is { Length: > 0 } value ? value : null;

    /// <summary>
    /// Runs the organisation in scope's sync (or verification) now, in the background; with
    /// <paramref name="applicationId"/> (a webhook's), that application's interviews are read again
    /// even when the application itself did not change.
    /// </summary>
    public static async Task TriggerAsync(IScheduler scheduler, TimeProvider clock, string? atsJobId, string? applicationId, bool verify, CancellationToken ct)
    {
        var org = OrgScope.Required;
        var job = JobBuilder.Create<AtsSyncJob>().WithIdentity(KeyFor(org))
            .UsingJobData(OrgScope.JobDataKey, org.ToString()).Build();
        // The scheduler's clock, not the machine's: StartNow would read the wall clock.
        var trigger = TriggerBuilder.Create().ForJob(job).StartAt(clock.GetUtcNow())
            .UsingJobData(JobIdKey, atsJobId ?? "").UsingJobData(ApplicationIdKey, applicationId ?? "").UsingJobData(VerifyKey, verify ? "true" : "false").Build();
        // A sync already waiting is replaced: either one would read the same changes.
        await scheduler.ScheduleJob(job, [trigger], new ScheduleJobOptions { Replace = true }, ct);
    }
}
