using HireBot.Core.Text;
using System.Globalization;

namespace HireBot.Core.Decisions;

/// <summary>
/// Hire, No hire or Needs discussion, with the reasons. Evidence checks come first, so too little
/// evidence can never produce a confident verdict:
/// <list type="number">
/// <item>Needs discussion when nothing was rated, fewer than <see cref="DecisionPolicy.MinPanelists"/>
/// panelists submitted, fewer than <see cref="DecisionPolicy.MinAssessedCompetencies"/> competencies
/// were rated, a rated dimension was seen by fewer than <see cref="DecisionPolicy.MinRatersPerDimension"/>
/// raters (never a verdict from one rater's view of a dimension), less than
/// <see cref="DecisionPolicy.MinCorroboratedWeight"/> of the rated weight rests on competencies with
/// two or more raters, the overall interval is wider than <see cref="DecisionPolicy.MaxIntervalWidth"/>,
/// or some competency is split beyond what the model expects for its number of raters.</item>
/// <item>Hire when the overall score is at least <see cref="DecisionPolicy.HireThreshold"/> and its
/// interval stays at or above <see cref="DecisionPolicy.NoHireThreshold"/> (we are confident it is not
/// a no-hire); a Strong no then still forces Needs discussion when the policy says so.</item>
/// <item>No hire when the overall score is below the no-hire bar and its interval stays below the
/// hire bar.</item>
/// <item>Needs discussion otherwise: the score sits between the bars or its interval reaches
/// across them.</item>
/// </list>
/// </summary>
internal static class DecisionRule
{
    public static Decision Decide(
        ScoreEstimate? overall, IReadOnlyList<CompetencyRow> rows, IReadOnlyList<DimensionRow> dimensions, int panelists,
        IReadOnlyList<RiskFlag> flags, DecisionPolicy policy)
    {
        if (overall is null)
            return new Decision(Verdict.NeedsDiscussion, null, null, ["No competency has been rated yet."]);
        var pHire = overall.ProbabilityAtLeast(policy.HireThreshold);
        var pNoHire = overall.ProbabilityBelow(policy.NoHireThreshold);
        var reasons = new List<string>();
        var assessed = rows.Count(r => r.Raters > 0);
        if (panelists < policy.MinPanelists)
            reasons.Add($"Only {Counted.Of(panelists, "panelist")} submitted; a verdict needs at least {policy.MinPanelists}.");
        if (assessed < policy.MinAssessedCompetencies)
            reasons.Add($"Only {assessed} competencies rated; a verdict needs at least {policy.MinAssessedCompetencies}.");
        foreach (var thin in dimensions.Where(d => d.AssessedCompetencies > 0 && d.Raters < policy.MinRatersPerDimension))
            reasons.Add($"{thin.Name} was rated by {Counted.Of(thin.Raters, "panelist")} only; a verdict needs at least {policy.MinRatersPerDimension} views of every dimension.");
        var corroborated = rows.Where(r => r.Raters >= 2).Sum(r => r.Weight);
        if (corroborated < policy.MinCorroboratedWeight)
            reasons.Add(F($"Only {corroborated * 100:0}% of the rated weight rests on competencies with two or more raters; a verdict needs {policy.MinCorroboratedWeight * 100:0}%."));
        if (overall.UnclampedWidth > policy.MaxIntervalWidth)
            reasons.Add(F($"The overall interval is {overall.UnclampedWidth:0.00} points wide; a verdict needs at most {policy.MaxIntervalWidth:0.00}."));
        foreach (var split in rows.Where(r => r.Split))
            reasons.Add(F($"Panel split on {split.Name} ({split.Ratings.Min():0.#} to {split.Ratings.Max():0.#}), more than {split.Raters} raters disagree by chance."));
        if (reasons.Count > 0)
            return new Decision(Verdict.NeedsDiscussion, pHire, pNoHire, reasons);

        var summary = F($"Overall {overall.Score:0.00} ({overall.ConfidenceLevel * 100:0}% interval {overall.Lower:0.00}–{overall.Upper:0.00}); hire bar {policy.HireThreshold:0.00}, no-hire bar {policy.NoHireThreshold:0.00}.");
        reasons.Add(summary);
        if (overall.Score >= policy.HireThreshold && overall.Score - overall.Margin >= policy.NoHireThreshold)
        {
            var strongNos = flags.Count(f => f.Kind == RiskFlagKind.StrongNo);
            if (policy.StrongNoForcesDiscussion && strongNos > 0)
            {
                reasons.Add($"{Counted.Of(strongNos, "panelist")} recommended strong no; a hire needs that discussed first.");
                return new Decision(Verdict.NeedsDiscussion, pHire, pNoHire, reasons);
            }
            reasons.Add(F($"Clears the hire bar; probability the true score is at least the bar: {pHire * 100:0}%."));
            return new Decision(Verdict.Hire, pHire, pNoHire, reasons);
        }
        if (overall.Score < policy.NoHireThreshold && overall.Score + overall.Margin < policy.HireThreshold)
        {
            reasons.Add(F($"Below the no-hire bar; probability the true score is below it: {pNoHire * 100:0}%."));
            return new Decision(Verdict.NoHire, pHire, pNoHire, reasons);
        }
        reasons.Add(overall.Score >= policy.NoHireThreshold && overall.Score < policy.HireThreshold
            ? "The score sits between the no-hire and hire bars."
            : "The interval reaches across into the other verdict's zone.");
        return new Decision(Verdict.NeedsDiscussion, pHire, pNoHire, reasons);
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
