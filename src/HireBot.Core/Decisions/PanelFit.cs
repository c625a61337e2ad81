namespace HireBot.Core.Decisions;

/// <summary>
/// The variances of one panel after the prior met the panel's own ratings: residual σ² with its
/// degrees of freedom, and each panelist's rater-effect variance τₚ² (the prior's, scaled by what
/// this panel showed) with the degrees of freedom of the rater term, which grow with panelists,
/// not with competencies. <see cref="ExpectedRatingVariance"/> is τₚ² + σ² before this panel
/// (from the prior), what a split is judged against. <see cref="ResidualShareOfRaterTerm"/> is df_b/(N − C): how much σ² the
/// rater estimate carries per unit of τ², so the degrees of freedom count it with the rater term. The raw panel estimates are kept for the README's table and for tests.
/// </summary>
internal sealed record PanelFit(
    double ResidualVariance,
    double ResidualDegreesOfFreedom,
    IReadOnlyDictionary<string, double> RaterVariance,
    double RaterDegreesOfFreedom,
    double PanelResidualDegreesOfFreedom,
    double PanelRaterDegreesOfFreedom,
    double? PanelRaterVariance,
    double ResidualShareOfRaterTerm,
    IReadOnlyDictionary<string, double> ExpectedRatingVariance);
