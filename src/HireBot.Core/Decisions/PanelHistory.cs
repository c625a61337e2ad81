namespace HireBot.Core.Decisions;

/// <summary>
/// What the organisation's past scorecards say before this loop: variance priors once there is
/// enough history (null for the policy's defaults) and each interviewer's leniency estimate.
/// </summary>
public sealed record PanelHistory(VariancePrior? Prior, IReadOnlyDictionary<string, RaterCalibration> Calibrations)
{
    public static PanelHistory None { get; } = new(null, new Dictionary<string, RaterCalibration>());

    /// <summary>
    /// Priors and leniency from <paramref name="past"/> (other loops' ratings), the leniency estimated
    /// with the same priors the digest uses.
    /// </summary>
    public static PanelHistory From(IReadOnlyList<PastRating> past, DecisionPolicy policy, Guid? excludeLoopId = null)
    {
        var prior = VariancePriorEstimator.Estimate(past, policy, excludeLoopId);
        return new PanelHistory(prior, LeniencyEstimator.Estimate(past, prior ?? VariancePrior.FromPolicy(policy)));
    }
}
