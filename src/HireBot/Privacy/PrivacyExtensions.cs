using HireBot.Hiring;
using Quartz;

namespace HireBot.Privacy;

public static class PrivacyExtensions
{
    /// <summary>
    /// <c>candidate forget</c>, <c>audit</c>, and, when <c>Privacy__RetentionDays</c> is set, the clustered
    /// <see cref="RetentionJob"/> (every <c>Privacy__SweepMinutes</c>). Needs hiring, scheduling and jobs.
    /// </summary>
    public static IServiceCollection AddPrivacy(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PrivacyOptions>().Bind(configuration.GetSection(PrivacyOptions.Section))
            .Validate(o => o.RetentionDays is null or > 0, "Privacy:RetentionDays must be a positive number of days (or unset: no retention limit).")
            .Validate(o => o.SweepMinutes > 0, "Privacy:SweepMinutes must be positive.")
            .ValidateOnStart();
        services.AddSingleton<AuditStore>().AddSingleton<CandidateEraser>().AddSingleton<RetentionJob>();
        services.AddSingleton<ICommandFeature, PrivacyCommands>();

        // Off when unset: no job at all. Set, one durable job under a stable key, stored again at every
        // start (as the reminder sweep), so all hosts share it and a changed interval takes effect.
        if (configuration.GetValue<int?>($"{PrivacyOptions.Section}:RetentionDays") is > 0)
        {
            var every = TimeSpan.FromMinutes(configuration.GetValue($"{PrivacyOptions.Section}:SweepMinutes", 60.0));
            services.AddQuartz(q =>
            {
                q.AddJob<RetentionJob>(j => j.WithIdentity(RetentionJob.Key).StoreDurably());
                q.AddTrigger(t => t.ForJob(RetentionJob.Key).WithIdentity("retention", "privacy").StartNow()
                    .WithSimpleSchedule(s => s.WithInterval(every).RepeatForever()
                        .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)));
            });
        }
        return services;
    }
}
