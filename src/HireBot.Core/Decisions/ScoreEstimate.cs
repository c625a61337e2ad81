namespace HireBot.Core.Decisions;

/// <summary>
/// A score on the rubric scale with its uncertainty: the interval [<see cref="Lower"/>,
/// <see cref="Upper"/>] is Score ± <see cref="Margin"/>, clamped to the scale. The t model behind
/// it (<see cref="StandardError"/>, <see cref="DegreesOfFreedom"/>) is kept so callers can ask
/// for probabilities from the same model.
/// </summary>
public sealed record ScoreEstimate(
    double Score,
    double Lower,
    double Upper,
    double Margin,
    double StandardError,
    double DegreesOfFreedom,
    double ConfidenceLevel)
{
    /// <summary>Width before clamping; what the decision rule compares to its maximum.</summary>
    public double UnclampedWidth => 2 * Margin;

    /// <summary>P(true score ≥ bar) under the same t model.</summary>
    public double ProbabilityAtLeast(double bar) =>
        StandardError <= 0 ? (Score >= bar ? 1 : 0) : 1 - StudentT.Cdf((bar - Score) / StandardError, DegreesOfFreedom);

    /// <summary>P(true score &lt; bar) under the same t model.</summary>
    public double ProbabilityBelow(double bar) => 1 - ProbabilityAtLeast(bar);
}
