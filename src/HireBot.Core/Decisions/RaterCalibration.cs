namespace HireBot.Core.Decisions;

/// <summary>
/// One interviewer's persistent leniency estimated from their past scorecards (partially pooled,
/// see <see cref="LeniencyEstimator"/>): <see cref="Leniency"/> points above (+) or below (−) the
/// other panelists on the same candidates and competencies, <see cref="Variance"/> the estimate's
/// own posterior variance, <see cref="Scorecards"/> how many past scorecards it rests on, and
/// <see cref="RawDifference"/> the unshrunk average difference.
/// </summary>
public sealed record RaterCalibration(string Panelist, double Leniency, double Variance, int Scorecards, double RawDifference)
{
    public double StandardError => Math.Sqrt(Variance);
}
