using HireBot.Core.Rubrics;
using HireBot.Core.Scorecards;

namespace HireBot.Core.Decisions;

/// <summary>The risk flags of the digest, in a stable order: people first, then competencies.</summary>
internal static class RiskFlagger
{
    public static IReadOnlyList<RiskFlag> Flags(
        Rubric rubric,
        CollectedRatings collected,
        IReadOnlyList<CompetencyRow> rows,
        IReadOnlyList<MissingScorecard> missing,
        DecisionPolicy policy)
    {
        var flags = new List<RiskFlag>();
        foreach (var gone in missing)
            flags.Add(new(RiskFlagKind.MissingScorecard, null, gone.PanelistEmail, "Expected scorecard not submitted."));
        foreach (var card in collected.Scorecards)
        {
            if (card.Recommendation == Recommendation.StrongNo)
                flags.Add(new(RiskFlagKind.StrongNo, null, card.PanelistEmail, "Recommended strong no."));
            if (card.SawOthersBeforeSubmitting)
                flags.Add(new(RiskFlagKind.SawOthersBeforeSubmitting, null, card.PanelistEmail, "Scores changed after seeing other panelists' feedback; they may be anchored."));
            foreach (var redFlag in card.RedFlags)
            {
                // Attribute the red flag to the competency whose rubric entry names it, when one does.
                var owner = rubric.Competencies.FirstOrDefault(c => c.RedFlags.Contains(redFlag, StringComparer.OrdinalIgnoreCase));
                flags.Add(new(RiskFlagKind.RedFlagRaised, owner?.Id, card.PanelistEmail, $"Red flag: {redFlag}"));
            }
        }
        foreach (var row in rows)
        {
            if (row.Split)
                flags.Add(new(RiskFlagKind.HighDisagreement, row.CompetencyId, null, $"{row.Name}: ratings range from {row.Ratings.Min():0.#} to {row.Ratings.Max():0.#}, more than {row.Raters} raters disagree by chance."));
            if (row.IsFocus && row.Raters == 0)
                flags.Add(new(RiskFlagKind.FocusCompetencyUnassessed, row.CompetencyId, null, $"{row.Name} was a focus competency but nobody rated it."));
        }
        flags.AddRange(collected.Flags);
        return flags;
    }
}
