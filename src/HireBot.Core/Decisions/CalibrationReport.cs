using System.Globalization;

namespace HireBot.Core.Decisions;

/// <summary>One past scorecard for the calibration table: whose, and how many hours after the interview ended it was submitted.</summary>
public sealed record PastScorecard(string Panelist, double HoursToSubmit);

/// <summary>
/// One interviewer's row of <c>calibration &lt;role&gt;</c>: how many scorecards they submitted, their
/// leniency (null without comparable history) with its 90% interval, their chance-corrected agreement
/// with the other panelists on the same candidates and competencies, and the median hours from
/// interview end to submission (null without scorecards).
/// </summary>
public sealed record CalibrationRow(string Panelist, int Scorecards, RaterCalibration? Leniency, AgreementEstimate Agreement, double? MedianHoursToSubmit)
{
    /// <summary>z for a two-sided 90% interval, as the digest's intervals.</summary>
    public const double Z90 = 1.6449;

    public (double Low, double High)? Interval => Leniency is { } l ? (l.Leniency - Z90 * l.StandardError, l.Leniency + Z90 * l.StandardError) : null;
}

/// <summary>
/// The calibration table and the private note an interviewer gets after a scorecard. Both compare a
/// rating only with the other ratings of the same candidate and competency (<see cref="LeniencyEstimator"/>),
/// and say nothing about any other panelist's individual ratings.
/// </summary>
public static class CalibrationReport
{
    /// <summary>One row per interviewer in <paramref name="interviewers"/> (the role's pools), in that order.</summary>
    public static IReadOnlyList<CalibrationRow> Rows(IReadOnlyList<string> interviewers, IReadOnlyList<PastRating> history,
        IReadOnlyList<PastScorecard> scorecards, DecisionPolicy policy)
    {
        var calibrations = LeniencyEstimator.Estimate(history, policy);
        return interviewers.Distinct(StringComparer.OrdinalIgnoreCase).Select(email =>
        {
            var own = scorecards.Where(s => s.Panelist.Equals(email, StringComparison.OrdinalIgnoreCase)).Select(s => s.HoursToSubmit).Order().ToList();
            double? median = own.Count == 0 ? null : own.Count % 2 == 1 ? own[own.Count / 2] : (own[own.Count / 2 - 1] + own[own.Count / 2]) / 2;
            return new CalibrationRow(email, own.Count, calibrations.GetValueOrDefault(email), Agreement(email, history, policy), median);
        }).ToList();
    }

    /// <summary>
    /// Ordinal Krippendorff's alpha between this interviewer and their peers: one unit per pair of
    /// (their rating, another panelist's rating) of the same loop and competency. 1 when they always
    /// give what their peers give, 0 when no closer than chance.
    /// </summary>
    public static AgreementEstimate Agreement(string email, IReadOnlyList<PastRating> history, DecisionPolicy policy)
    {
        var units = new List<IReadOnlyList<double>>();
        foreach (var unit in history.GroupBy(r => (r.LoopId, Competency: r.CompetencyId.ToLowerInvariant())))
        {
            var byPanelist = unit.GroupBy(r => r.Panelist.ToLowerInvariant()).ToDictionary(g => g.Key, g => g.Average(r => r.Rating));
            if (!byPanelist.Remove(email.ToLowerInvariant(), out var mine)) continue;
            foreach (var other in byPanelist.Values) units.Add([mine, other]);
        }
        return KrippendorffAlpha.Ordinal(units, policy.MinAgreementRatings);
    }

    /// <summary>
    /// The private note after a scorecard, or null below <paramref name="minScorecards"/> comparable past
    /// scorecards. It gives only the interviewer's own average difference from their peers (no one
    /// else's rating, no candidate), its calibrated estimate with a 90% interval, and what it means.
    /// </summary>
    public static string? Note(string email, IReadOnlyList<PastRating> history, DecisionPolicy policy, int minScorecards) =>
        Note(LeniencyEstimator.Estimate(history, policy).GetValueOrDefault(email), minScorecards);

    /// <summary>The note from an interviewer's calibration already estimated (<see cref="PanelHistory.Calibrations"/>); null without one or below the minimum.</summary>
    public static string? Note(RaterCalibration? calibration, int minScorecards)
    {
        if (calibration is not { } c || c.Scorecards < minScorecards) return null;
        var lo = c.Leniency - CalibrationRow.Z90 * c.StandardError;
        var hi = c.Leniency + CalibrationRow.Z90 * c.StandardError;
        var direction = Math.Abs(c.RawDifference) < 0.05 ? "in line with" : c.RawDifference > 0 ? F($"{c.RawDifference:0.00} above") : F($"{-c.RawDifference:0.00} below");
        var meaning = lo > 0 ? "You rate consistently above your peers: check your ratings against the rubric's anchors before submitting."
            : hi < 0 ? "You rate consistently below your peers: check your ratings against the rubric's anchors before submitting."
            : "That is within what chance explains: no sign you rate more leniently or strictly than your peers.";
        return F($"Your calibration, over {c.Scorecards} past scorecards compared with the other panelists on the same candidates and competencies: ") +
            $"your ratings average {direction} theirs. " +
            F($"Allowing for chance, your leniency is estimated at {Signed(c.Leniency)} points (90% interval {Signed(lo)} to {Signed(hi)}). ") + meaning +
            " Digests adjust for it. Only you receive this note.";
    }

    public static string Signed(double x) => (x >= 0 ? "+" : "−") + Math.Abs(x).ToString("0.00", CultureInfo.InvariantCulture);

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
