using HireBot.Core.Decisions;
using HireBot.Decisions;
using HireBot.Hiring;
using Microsoft.Extensions.Options;

namespace HireBot.Scorecards;

public static class ScorecardsExtensions
{
    /// <summary>
    /// Scorecard requests at interview end, the scorecard buttons, digests (on completion and at
    /// the deadline) and the <c>summary</c> / <c>decide</c> commands. Settings: section
    /// <c>Scorecards</c> (<see cref="ScorecardOptions"/>) and section <c>Decisions</c>
    /// (<see cref="DecisionPolicy"/>), both validated at start.
    /// </summary>
    public static IServiceCollection AddScorecards(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ScorecardOptions>().Bind(configuration.GetSection(ScorecardOptions.Section))
            .Validate(o => o.Validate() is null, "Scorecards__FeedbackDeadlineHours must be positive and Scorecards__MinEvidenceWords and Scorecards__CalibrationNoteMinScorecards at least 1.")
            .ValidateOnStart();
        services.AddOptions<DecisionPolicy>().Bind(configuration.GetSection(DecisionPolicyValidator.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DecisionPolicy>, DecisionPolicyValidator>();
        services.AddSingleton<DigestPoster>();
        services.AddSingleton<IInterviewEndedStep, ScorecardRequestStep>();
        services.AddSingleton<ICardActionFeature, ScorecardActions>();
        services.AddSingleton<ICommandFeature, DecisionCommands>();
        services.AddTransient<DigestDeadlineJob>();
        return services;
    }
}
