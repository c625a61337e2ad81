using HireBot.Ats.Ashby;
using HireBot.Ats.Greenhouse;
using HireBot.Hiring;
using HireBot.Outbox;
using Quartz;

namespace HireBot.Ats;

public static class AtsExtensions
{
    /// <summary>
    /// The ATS port and its adapters (one <see cref="IAtsAdapter"/> per kind; the connection's kind
    /// picks one), the commands, the write-back channel and the clustered reconcile
    /// (<c>Ats__ReconcileMinutes</c>). Needs hiring, the outbox and jobs.
    /// </summary>
    public static IServiceCollection AddAts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AtsOptions>().Bind(configuration.GetSection(AtsOptions.Section))
            .Configure(o => o.PublicUrl = Configuration.PublicAddress.From(configuration) is { Length: > 0 } url ? url : null)
            .Validate(o => o.EncryptionKey.Length == 0 || AtsOptions.IsValidKey(o.EncryptionKey), "Ats__EncryptionKey must be base64 of exactly 32 bytes.")
            .Validate(o => o.ReconcileMinutes > 0, "Ats__ReconcileMinutes must be positive.")
            .ValidateOnStart();
        services.AddHttpClient<GreenhouseHttp>(h => h.Timeout = TimeSpan.FromSeconds(30));
        services.AddSingleton<IAtsAdapter, GreenhouseAdapter>();
        services.AddAshbyAts();
        services.AddSingleton<AtsConnectionStore>().AddSingleton<AtsImporter>().AddSingleton<AtsVerifier>().AddSingleton<AtsAttributeMap>();
        services.AddSingleton<IChannelClient, AtsChannelClient>();
        services.AddSingleton<ICommandFeature, AtsCommands>();
        var every = TimeSpan.FromMinutes(configuration.GetValue($"{AtsOptions.Section}:ReconcileMinutes", 15.0));
        services.AddQuartz(q =>
        {
            q.AddJob<AtsReconcileJob>(j => j.WithIdentity(AtsReconcileJob.Key).StoreDurably());
            q.AddTrigger(t => t.ForJob(AtsReconcileJob.Key).WithIdentity("ats-reconcile", "ats").StartNow()
                .WithSimpleSchedule(s => s.WithInterval(every).RepeatForever()
                    .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)));
        });
        return services;
    }
}
