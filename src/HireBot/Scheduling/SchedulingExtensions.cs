using HireBot.Calendar;
using HireBot.Hiring;
using Microsoft.Extensions.Options;
using Quartz;
using ICalendar = HireBot.Calendar.ICalendar;

namespace HireBot.Scheduling;

public static class SchedulingExtensions
{
    /// <summary>
    /// The calendar (Graph or Google when configured, chosen per organisation, else the local PostgreSQL calendar), the
    /// <c>schedule</c>/<c>reschedule</c>/<c>cancel</c> commands, the <c>schedule.pick</c> and
    /// <c>replacement.accept</c> actions, and the recurring decline watch. Needs AddHiring and AddJobScheduler.
    /// </summary>
    public static IServiceCollection AddScheduling(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(SchedulingOptions.Section).Get<SchedulingOptions>() ?? new SchedulingOptions();
        var errors = options.Validate();
        if (errors.Count > 0) throw new OptionsValidationException(SchedulingOptions.Section, typeof(SchedulingOptions), errors);
        services.AddSingleton(Options.Create(options));

        services.AddCalendars(configuration);

        services.AddSingleton<SchedulingStore>().AddSingleton<BookingStore>().AddSingleton<ReplacementStore>();
        services.AddSingleton<SchedulePlanner>().AddSingleton<ReplacementFinder>().AddSingleton<DeclineWatcher>();
        services.AddSingleton<ICommandFeature, ScheduleCommands>();
        services.AddSingleton<ICardActionFeature, SchedulePickAction>();
        services.AddSingleton<ICardActionFeature, ReplacementAction>();
        // Calendar invitations are outbox rows; this client carries them out.
        services.AddSingleton<Outbox.IChannelClient, CalendarChannelClient>();

        // AddQuartz is additive: this adds a job and trigger to the scheduler AddJobScheduler configured.
        services.AddQuartz(q =>
        {
            q.AddJob<DeclineWatchJob>(j => j.WithIdentity(DeclineWatchJob.Key).StoreDurably());
            q.AddTrigger(t => t.ForJob(DeclineWatchJob.Key).WithIdentity("decline-watch", "scheduling")
                .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromMinutes(options.DeclinePollMinutes)).RepeatForever()
                    .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)));
        });
        return services;
    }
}
