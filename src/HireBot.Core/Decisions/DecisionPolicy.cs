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

    /// <summary>
    /// A competency whose ratings disagree more than the model expects for that many raters, at this
    /// significance (Bonferroni-corrected over the panel's competencies), is flagged and blocks a
    /// confident verdict. The test is χ² on the competency's sum of squares against the panel's
    /// expected rating variance τ² + σ², so it does not fire more often as panels grow.
    /// </summary>
    public double DisagreementSignificance { get; init; } = 0.01;

    /// <summary>A confident verdict needs at least this many distinct raters in every rated dimension.</summary>
    public int MinRatersPerDimension { get; init; } = 2;

    /// <summary>
    /// A confident verdict needs at least this share of the rated weight on competencies with two
    /// or more raters: thin evidence is judged per competency, not per loop.
    /// </summary>
    public double MinCorroboratedWeight { get; init; } = 0.5;

    /// <summary>Confidence level of every interval reported, 0.9 for 90%.</summary>
    public double ConfidenceLevel { get; init; } = 0.90;

    /// <summary>
    /// Prior residual variance σ₀² of one rating around its rater's own level (sd 0.6 points), used
    /// until the organisation's history has <see cref="HistoryPriorMinScorecards"/> scorecards.
    /// </summary>
    public double PriorResidualVariance { get; init; } = 0.36;

    /// <summary>How many observations <see cref="PriorResidualVariance"/> is worth.</summary>
    public double PriorResidualDegreesOfFreedom { get; init; } = 4;

    /// <summary>Prior variance τ₀² of a panelist's effect in one loop (sd 0.35 points), shared by every competency they rate.</summary>
    public double PriorRaterVariance { get; init; } = 0.1225;

    /// <summary>
    /// How many panelists <see cref="PriorRaterVariance"/> is worth (a twentieth of one). A default
    /// is a guess, not evidence: its τ₀² is added to every panel's rater term in proportion to this
    /// weight, so a heavier default widens the intervals of panels whose raters do not differ (at
    /// 0.25 it was worth an eighth of a three-person panel's two rater degrees of freedom and its
    /// intervals covered 95–98%, not 90%). At 0.05 it still keeps one- and two-panelist intervals
    /// finite, and from three panelists on the panel's own ratings carry the rater term.
    /// </summary>
    public double PriorRaterDegreesOfFreedom { get; init; } = 0.05;

    /// <summary>The persistent (leniency) part of <see cref="PriorRaterVariance"/> (sd 0.25 points), the part history can remove.</summary>
    public double PriorLeniencyVariance { get; init; } = 0.0625;

    /// <summary>Variance priors come from the organisation's history once it has this many scorecards with a peer on the same competency.</summary>
    public int HistoryPriorMinScorecards { get; init; } = 30;

    /// <summary>History (priors, leniency, calibration) is read from scorecards submitted within this many months.</summary>
    public int HistoryMonths { get; init; } = 24;

    /// <summary>History is read from at most this many scorecards, the most recently submitted.</summary>
    public int HistoryMaxScorecards { get; init; } = 5000;

    /// <summary>Agreement (Krippendorff's alpha) is reported only when it rests on at least this many ratings.</summary>
    public int MinAgreementRatings { get; init; } = 6;

    /// <summary>An interviewer gets their private calibration note once they have this many past scorecards with peers.</summary>
    public int MinCalibrationScorecards { get; init; } = 3;

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
        : PriorResidualVariance <= 0 ? "PriorResidualVariance must be positive."
        : PriorResidualDegreesOfFreedom <= 0 ? "PriorResidualDegreesOfFreedom must be positive."
        : PriorRaterVariance <= 0 ? "PriorRaterVariance must be positive."
        : PriorRaterDegreesOfFreedom <= 0 ? "PriorRaterDegreesOfFreedom must be positive."
        : PriorLeniencyVariance < 0 || PriorLeniencyVariance > PriorRaterVariance ? "PriorLeniencyVariance must be between 0 and PriorRaterVariance."
        : MinCorroboratedWeight is < 0 or > 1 ? "MinCorroboratedWeight must be between 0 and 1."
        : MinRatersPerDimension < 1 ? "MinRatersPerDimension must be at least 1."
        : MinPanelists < 1 ? "MinPanelists must be at least 1."
        : MinAssessedCompetencies < 1 ? "MinAssessedCompetencies must be at least 1."
        : DisagreementSignificance is <= 0 or >= 1 ? "DisagreementSignificance must be strictly between 0 and 1."
        : HistoryMonths < 1 ? "HistoryMonths must be at least 1."
        : HistoryMaxScorecards < 1 ? "HistoryMaxScorecards must be at least 1."
        : ProbeNextCount < 0 ? "ProbeNextCount must not be negative."
        : null;
}
