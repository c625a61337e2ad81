namespace HireBot.Core.Decisions;

/// <summary>
/// The variances of one panel after the prior met the panel's own ratings: residual σ² with its
/// degrees of freedom, and each panelist's rater-effect variance τₚ² (the prior's, scaled by what
/// this panel showed) with the degrees of freedom of the rater term, which grow with panelists,
/// not with competencies. The raw panel estimates are kept for the README's table and for tests.
/// </summary>
internal sealed record PanelFit(
    double ResidualVariance,
    double ResidualDegreesOfFreedom,
    IReadOnlyDictionary<string, double> RaterVariance,
    double RaterDegreesOfFreedom,
    double PanelResidualDegreesOfFreedom,
    double PanelRaterDegreesOfFreedom,
    double? PanelRaterVariance);
