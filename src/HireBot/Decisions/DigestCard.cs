using HireBot.Core.Text;
using System.Globalization;
using System.Text.Json.Nodes;
using HireBot.Cards;
using HireBot.Core.Decisions;
using HireBot.Core.Roles;

namespace HireBot.Decisions;

/// <summary>
/// Maps a <see cref="PanelAssessment"/> to the <c>digest</c> template's data (cards/README.md):
/// scores as "3.2", intervals as "2.8–3.6", verdict labels, risk flags as sentences. The digest
/// goes to the hiring team, so it may name who raised a flag, but it never quotes evidence.
/// What nobody rated is said once, under "Not assessed": not again as a risk flag or a probe
/// suggestion. Dimension weights are the rubric's (Technical 45%), not the share of the
/// dimensions rated so far, and an incomplete digest is headed provisional.
/// </summary>
public static class DigestCard
{
    public const string Kind = CardNames.Digest;

    public static JsonObject Data(LoopFeedback loop, Role role, PanelAssessment a, bool incomplete)
    {
        var names = role.Template.Rubric.Competencies.ToDictionary(c => c.Id, c => c.Name, StringComparer.OrdinalIgnoreCase);
        var dimensionTotal = role.Template.Rubric.Dimensions.Sum(d => d.Weight);
        var configured = role.Template.Rubric.Dimensions.ToDictionary(d => d.Id, d => dimensionTotal > 0 ? d.Weight / dimensionTotal : 0, StringComparer.OrdinalIgnoreCase);
        var unrated = a.Competencies.Where(c => c.Raters == 0).Select(c => c.CompetencyId).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var rounds = loop.Seats.ToDictionary(s => (s.InterviewId, s.Email), s => role.Template.Loop.FindRound(s.RoundId)?.Name ?? s.RoundId);
        return new JsonObject
        {
            ["candidate"] = loop.CandidateName,
            ["role"] = role.Template.Title,
            ["incomplete"] = incomplete,
            ["decision"] = VerdictLabel(a.Decision.Verdict),
            ["confidence"] = Confidence(a.Decision),
            ["score"] = Score(a.Overall),
            ["interval"] = Interval(a.Overall),
            ["agreement"] = Agreement(a.Agreement),
            ["priors"] = Priors(a),
            ["calibration"] = Strings(Calibration(loop, a)),
            ["dimensions"] = new JsonArray(a.Dimensions.Where(d => d.Estimate is not null).Select(d => (JsonNode)new JsonObject
            {
                ["name"] = d.Name, ["weight"] = F($"{configured.GetValueOrDefault(d.DimensionId, d.Weight) * 100:0}%"), ["score"] = Score(d.Estimate), ["interval"] = Interval(d.Estimate),
                ["competencies"] = new JsonArray(a.Competencies.Where(c => c.DimensionId == d.DimensionId && c.Estimate is not null)
                    .Select(c => (JsonNode)new JsonObject { ["name"] = c.Name, ["score"] = Score(c.Estimate), ["interval"] = Interval(c.Estimate) }).ToArray()),
            }).ToArray()),
            ["riskFlags"] = Strings(a.Flags.Where(f => f.Kind is not (RiskFlagKind.MissingScorecard or RiskFlagKind.FocusCompetencyUnassessed))
                .Select(f => f.PanelistEmail is { } who ? $"{loop.NameOf(who)}: {f.Detail}" : f.Detail)),
            ["gaps"] = Strings(a.Competencies.Where(c => c.Raters == 0)
                .Select(c => c.IsFocus ? $"{c.Name} (a focus competency nobody rated)" : c.Name)),
            ["probeNext"] = Strings(a.ProbeNext.Where(p => !unrated.Contains(p.CompetencyId)).Select(p => $"{p.CompetencyName}: {p.Reason}")),
            ["missingPanelists"] = Strings(a.Missing.Select(m =>
                $"{loop.NameOf(m.PanelistEmail)} ({rounds.GetValueOrDefault((m.InterviewId, m.PanelistEmail.ToLowerInvariant()), "interview")})")),
        };
    }

    /// <summary>One line for the decision card: what the panel's digest said.</summary>
    public static string OneLine(PanelAssessment a) =>
        a.Overall is null ? "no ratings yet" : $"{VerdictLabel(a.Decision.Verdict)}, score {Score(a.Overall)} ({Interval(a.Overall)})" +
            (a.Adjustments.Count > 0 ? " adjusted for interviewer calibration" : "") + $", {Counted.Of(a.Panelists, "panelist")}, agreement {(a.Agreement.Alpha is { } x ? F($"α {x:0.00}") : "not measurable")}";

    public static string VerdictLabel(Verdict v) => v switch
    {
        Verdict.Hire => "Hire",
        Verdict.NoHire => "No hire",
        _ => "Needs discussion",
    };

    private static string Confidence(Decision d) => d.Verdict switch
    {
        Verdict.Hire when d.ProbabilityAtLeastHireBar is { } p => F($"{p * 100:0}% that the true score clears the hire bar"),
        Verdict.NoHire when d.ProbabilityBelowNoHireBar is { } p => F($"{p * 100:0}% that the true score is below the no-hire bar"),
        _ => "Low: " + (d.Reasons is [var first, ..] ? first : "the evidence does not settle it"),
    };

    /// <summary>
    /// One line per panelist whose history adjusted the scores ("Raj rates 0.4 below the panel
    /// average over 23 scorecards"), then what the overall score would be without the adjustment.
    /// </summary>
    public static IEnumerable<string> Calibration(LoopFeedback loop, PanelAssessment a)
    {
        foreach (var c in a.Adjustments.Where(c => Math.Abs(c.Leniency) >= 0.05))
            yield return F($"{loop.NameOf(c.Panelist)} rates {Math.Abs(c.Leniency):0.0} {(c.Leniency > 0 ? "above" : "below")} the panel average over {Counted.Of(c.Scorecards, "scorecard")}; their ratings are adjusted by that much.");
        if (a.UnadjustedOverall is { } raw && a.Overall is { } adjusted && a.Adjustments.Any(c => Math.Abs(c.Leniency) >= 0.05))
            yield return F($"Without the adjustment the score would be {raw.Score:0.0} ({raw.Lower:0.0}–{raw.Upper:0.0}); adjusted {adjusted.Score:0.0} ({adjusted.Lower:0.0}–{adjusted.Upper:0.0}).");
    }

    /// <summary>Where the intervals' variance priors came from, in one short line.</summary>
    public static string Priors(PanelAssessment a) => a.PriorSource == "history"
        ? F($"Variance priors from {Counted.Of(a.PriorScorecards, "past scorecard")} of this organisation")
        : "Default variance priors (too little history yet)";

    /// <summary>Krippendorff's alpha with what it rests on, or why it cannot be given.</summary>
    public static string Agreement(AgreementEstimate g) => g.Alpha is { } alpha
        ? F($"α = {alpha:0.00} (chance-corrected; 1 is full agreement, 0 no better than chance) over {g.Ratings} ratings of {g.Competencies} competencies")
        : g.Ratings == 0
            ? "Not measurable: no competency had two raters"
            : F($"Not measurable: {g.Ratings} ratings of competencies with two raters are too few, or all were the same");

    private static string Score(ScoreEstimate? e) => e is null ? "—" : F($"{e.Score:0.0}");

    private static string Interval(ScoreEstimate? e) => e is null ? "—" : F($"{e.Lower:0.0}–{e.Upper:0.0}");

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray());

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
