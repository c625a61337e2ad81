namespace HireBot.Core.Decisions;

/// <summary>
/// Prior guesses of the two variances of the rater model (<see cref="RaterEffectsModel"/>), each
/// with how many observations it is worth (scaled-inverse-χ² style):
/// <list type="bullet">
/// <item><see cref="ResidualVariance"/>: one rating's noise around the panelist's own level (σ²).</item>
/// <item><see cref="RaterVariance"/>: the variance of a panelist's effect in one loop (τ²), shared by
/// every competency they rate; part of it (<see cref="LeniencyVariance"/>) is the interviewer's
/// persistent leniency, which history can estimate, the rest is this loop's impression (halo).</item>
/// </list>
/// <see cref="Source"/> says where the figures came from ("defaults" or "history", the organisation's
/// past loops, see <see cref="VariancePriorEstimator"/>) and <see cref="Scorecards"/> how many past
/// scorecards they rest on (0 for the defaults).
/// </summary>
public sealed record VariancePrior(
    double ResidualVariance,
    double ResidualDegreesOfFreedom,
    double RaterVariance,
    double RaterDegreesOfFreedom,
    double LeniencyVariance,
    string Source,
    int Scorecards = 0)
{
    public static VariancePrior FromPolicy(DecisionPolicy policy) => new(
        policy.PriorResidualVariance, policy.PriorResidualDegreesOfFreedom,
        policy.PriorRaterVariance, policy.PriorRaterDegreesOfFreedom,
        Math.Min(policy.PriorLeniencyVariance, policy.PriorRaterVariance), "defaults");
}
