using HireBot.Hiring;
using HireBot.Jobs;
using Microsoft.Extensions.Options;

namespace HireBot.Nudges;

public static class NudgesExtensions
{
    /// <summary>
    /// Scorecard reminders (issue 7): plans them when an interview ends, fires them from Quartz,
    /// and adds <c>nudge &lt;candidate&gt;</c> and the <c>nudge.snooze</c> card action.
    /// Needs the outbox, hiring and jobs registrations.
    /// </summary>
    public static IServiceCollection AddNudges(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<NudgeOptions>().Bind(configuration.GetSection(NudgeOptions.Section))
            .Validate(o => o.Policy.Validate() is null, "Nudges: the cadence is invalid (see NudgePolicy.Validate).")
            .Validate(o => o.SnoozeHours > 0, "Nudges:SnoozeHours must be positive.")
            .ValidateOnStart();
        services.AddSingleton<NudgeStore>();
        services.AddSingleton<IInterviewEndedStep, NudgePlanStep>();
        services.AddSingleton<ICommandFeature, NudgeCommand>();
        services.AddSingleton<ICardActionFeature, NudgeSnoozeAction>();
        return services;
    }
}
