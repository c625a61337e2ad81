namespace HireBot.Core.Decisions;

/// <summary>
/// The configurable part of the decision rule and of the uncertainty model. Scores live on the
/// rubric's scale (1..4 for the built-in four-point scale). Defaults suit the built-in scale.
/// </summary>
public sealed record DecisionPolicy
{
    /// <summary>A Hire needs the overall score at or above this bar.</summary>
    public double HireThreshold { get; init; } = 3.0;

    /// <summary>A No hire needs the overall score below this bar.</summary>
    public double NoHireThreshold { get; init; } = 2.5;

    /// <summary>
    /// A confident verdict needs the overall interval no wider than this (measured before the
    /// interval is clamped to the scale, because clamping adds no information).
    /// </summary>
    public double MaxIntervalWidth { get; init; } = 1.0;

    /// <summary>A confident verdict needs at least this many panelists with submitted scorecards.</summary>
    public int MinPanelists { get; init; } = 2;

    /// <summary>A confident verdict needs at least this many competencies rated by someone.</summary>
    public int MinAssessedCompetencies { get; init; } = 3;

    /// <summary>When true, any Strong no recommendation turns a would-be Hire into Needs discussion.</summary>
    public bool StrongNoForcesDiscussion { get; init; } = true;

    /// <summary>A competency whose ratings span at least this many points is flagged and blocks a confident verdict.</summary>
    public double DisagreementThreshold { get; init; } = 2.0;

    /// <summary>Two-sided coverage of every interval reported, 0.9 for 90%.</summary>
    public double ConfidenceLevel { get; init; } = 0.90;

    /// <summary>
    /// Prior guess of one rater's noise variance on the scale (a standard deviation of about 0.6
    /// points), so a single rater never gets a zero-width interval. Tuned with the coverage
    /// simulation in the tests; see <see cref="RaterNoiseModel"/>.
    /// </summary>
    public double PriorRaterVariance { get; init; } = 0.36;

    /// <summary>How many observations the prior variance is worth.</summary>
    public double PriorDegreesOfFreedom { get; init; } = 5;

    /// <summary>
    /// Cap on the degrees of freedom of the panel-wide noise estimate used as each competency's
    /// prior, so a split on one competency still widens that competency's interval.
    /// </summary>
    public double PooledPriorMaxDegreesOfFreedom { get; init; } = 8;

    /// <summary>Evidence shorter than this (after trimming) is flagged as a rating without evidence.</summary>
    public int MinEvidenceLength { get; init; } = 20;

    /// <summary>How many "probe next" suggestions the digest carries.</summary>
    public int ProbeNextCount { get; init; } = 3;

    public static DecisionPolicy Default { get; } = new();

    /// <summary>Null when the policy is usable, otherwise what is wrong with it.</summary>
    public string? Validate() =>
        ConfidenceLevel is <= 0 or >= 1 ? "ConfidenceLevel must be strictly between 0 and 1."
        : NoHireThreshold > HireThreshold ? "NoHireThreshold must not exceed HireThreshold."
        : MaxIntervalWidth <= 0 ? "MaxIntervalWidth must be positive."
        : PriorRaterVariance <= 0 ? "PriorRaterVariance must be positive."
        : PriorDegreesOfFreedom <= 0 ? "PriorDegreesOfFreedom must be positive."
        : PooledPriorMaxDegreesOfFreedom < PriorDegreesOfFreedom ? "PooledPriorMaxDegreesOfFreedom must be at least PriorDegreesOfFreedom."
        : MinPanelists < 1 ? "MinPanelists must be at least 1."
        : MinAssessedCompetencies < 1 ? "MinAssessedCompetencies must be at least 1."
        : DisagreementThreshold <= 0 ? "DisagreementThreshold must be positive."
        : ProbeNextCount < 0 ? "ProbeNextCount must not be negative."
        : null;
}
