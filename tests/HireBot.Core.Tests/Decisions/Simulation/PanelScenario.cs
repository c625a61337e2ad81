namespace HireBot.Core.Tests.Decisions.Simulation;

/// <summary>Which competencies each panelist rates.</summary>
public enum PanelLayout
{
    /// <summary>Every panelist rates every competency of the seven-competency rubric.</summary>
    Full,
    /// <summary>The built-in backend template's loop: seven panelists, each rating only their round's focus competencies.</summary>
    Template,
}

/// <summary>
/// One generative model of the simulation, none of them the estimator's own: ratings are
/// rounded and clamped to 1..4, and
/// yₚ꜀ = clamp(round(θ꜀ + bₚ + g + λ·(θ̄ − θ꜀) + eₚ꜀)) with
/// <list type="bullet">
/// <item>θ꜀ = clamp(μ + N(0, 0.35²), 1, 4), the candidate's level μ uniform on [<see cref="LevelLow"/>, <see cref="LevelHigh"/>];</item>
/// <item>bₚ ~ N(0, <see cref="RaterSd"/>²), the panelist's leniency, shared by all they rate;</item>
/// <item>g ~ N(0, <see cref="SharedSd"/>²), an impression the whole panel shares (no panel can see it);</item>
/// <item>λ = <see cref="Halo"/>, each rater's pull toward their overall impression θ̄ of the candidate;</item>
/// <item>e ~ N(0, <see cref="NoiseSd"/>²), or with <see cref="HeavyTails"/> a contaminated normal: sd 3× as large one time in ten.</item>
/// </list>
/// The truth an interval must cover is the rating the population of interviewers would give on
/// average, E_b,e[clamp(round(θ꜀ + b + e))], without the shared impression and without halo.
/// </summary>
public sealed record PanelScenario(
    string Name,
    PanelLayout Layout,
    int Panelists,
    double RaterSd,
    double NoiseSd,
    bool HeavyTails = false,
    double SharedSd = 0,
    double Halo = 0,
    double LevelLow = 1.3,
    double LevelHigh = 3.9)
{
    /// <summary>Coverage targets (85–95%) apply: raters are independent and there are three or more, or it is the template loop.</summary>
    public bool HasCoverageTarget => SharedSd == 0 && Halo == 0 && (Layout == PanelLayout.Template || Panelists >= 3);
}
