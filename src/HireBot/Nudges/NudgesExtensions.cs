using HireBot.Hiring;
using Microsoft.Extensions.Options;
using Quartz;

namespace HireBot.Nudges;

public static class NudgesExtensions
{
    /// <summary>
    /// Scorecard reminders (issue 7): plans them when an interview ends, delivers them from one
    /// clustered Quartz sweep (<see cref="ReminderSweepJob"/>, every <c>Nudges:SweepSeconds</c>),
    /// and adds <c>nudge &lt;candidate&gt;</c> and the <c>nudge.snooze</c> card action.
    /// Needs the outbox, hiring and jobs registrations.
    /// </summary>
    public static IServiceCollection AddNudges(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<NudgeOptions>().Bind(configuration.GetSection(NudgeOptions.Section))
            .Validate(o => o.Policy.Validate() is null, "Nudges: the cadence is invalid (see NudgePolicy.Validate).")
            .Validate(o => o.SnoozeHours > 0, "Nudges:SnoozeHours must be positive.")
            .Validate(o => o.SweepSeconds > 0 && o.SweepBatchSize > 0, "Nudges:SweepSeconds and Nudges:SweepBatchSize must be positive.")
            .ValidateOnStart();
        services.AddSingleton<NudgeStore>();
        services.AddSingleton<IInterviewEndedStep, NudgePlanStep>();
        services.AddSingleton<ICommandFeature, NudgeCommand>();
        services.AddSingleton<ICardActionFeature, NudgeSnoozeAction>();

        // AddQuartz is additive: one durable job under a stable key, stored again (replaced) at every
        // start, so all hosts share it and a changed interval takes effect. A missed firing is not
        // made up: the next sweep takes everything due anyway.
        var sweep = TimeSpan.FromSeconds(configuration.GetValue($"{NudgeOptions.Section}:SweepSeconds", 5.0));
        services.AddQuartz(q =>
        {
            q.AddJob<ReminderSweepJob>(j => j.WithIdentity(ReminderSweepJob.Key).StoreDurably());
            q.AddTrigger(t => t.ForJob(ReminderSweepJob.Key).WithIdentity("reminder-sweep", "nudge-sweep").StartNow()
                .WithSimpleSchedule(s => s.WithInterval(sweep).RepeatForever()
                    .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)));
        });
        return services;
    }
}
