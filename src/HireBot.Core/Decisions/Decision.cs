namespace HireBot.Core.Decisions;

/// <summary>
/// The verdict of the decision rule and what drove it. The probabilities come from the same t
/// model as the overall interval and are null when nothing was rated.
/// </summary>
public sealed record Decision(
    Verdict Verdict,
    double? ProbabilityAtLeastHireBar,
    double? ProbabilityBelowNoHireBar,
    IReadOnlyList<string> Reasons);
