namespace HireBot.Core.Decisions;

/// <summary>
/// What the organisation's past scorecards say before this loop: variance priors once there is
/// enough history (null for the policy's defaults) and each interviewer's leniency estimate.
/// </summary>
public sealed record PanelHistory(VariancePrior? Prior, IReadOnlyDictionary<string, RaterCalibration> Calibrations)
{
    public static PanelHistory None { get; } = new(null, new Dictionary<string, RaterCalibration>());
}
