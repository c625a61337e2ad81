using HireBot.Core.Rubrics;
using HireBot.Core.Scorecards;

namespace HireBot.Core.Decisions;

/// <summary>Turns submitted scorecards into per-competency ratings, flagging what it cannot use.</summary>
internal static class RatingCollector
{
    public static CollectedRatings Collect(Rubric rubric, IReadOnlyList<Scorecard> scorecards, DecisionPolicy policy)
    {
        // Amendments arrive as new versions; only the latest per interview and panelist counts.
        var latest = scorecards
            .GroupBy(s => (s.InterviewId, Panelist: s.PanelistEmail.ToLowerInvariant()))
            .Select(g => g.OrderBy(s => s.AmendedAt ?? s.SubmittedAt).Last())
            .ToList();
        var competencies = rubric.Competencies.ToDictionary(c => c.Id, StringComparer.OrdinalIgnoreCase);
        var scale = rubric.Scale.Anchors.Select(a => a.Value).ToHashSet();
        var flags = new List<RiskFlag>();
        var byCompetency = new Dictionary<string, Dictionary<string, List<int>>>(StringComparer.OrdinalIgnoreCase);
        foreach (var card in latest)
        {
            foreach (var rating in card.Ratings)
            {
                var competency = competencies.GetValueOrDefault(rating.CompetencyId);
                if (competency is null || !scale.Contains(rating.Rating))
                {
                    var why = competency is null ? "is not in the rubric" : $"has rating {rating.Rating}, outside the scale";
                    flags.Add(new(RiskFlagKind.RatingIgnored, rating.CompetencyId, card.PanelistEmail, $"Rating for '{rating.CompetencyId}' {why}; left out of the scores."));
                    continue;
                }
                if ((rating.Evidence ?? "").Trim().Length < policy.MinEvidenceLength)
                {
                    flags.Add(new(RiskFlagKind.RatingWithoutEvidence, competency.Id, card.PanelistEmail, $"{competency.Name} rated {rating.Rating} with little or no written evidence."));
                }
                var perPanelist = byCompetency.TryGetValue(competency.Id, out var found) ? found : byCompetency[competency.Id] = new(StringComparer.OrdinalIgnoreCase);
                (perPanelist.TryGetValue(card.PanelistEmail, out var list) ? list : perPanelist[card.PanelistEmail] = []).Add(rating.Rating);
            }
        }
        var ratings = byCompetency.ToDictionary(
            kv => kv.Key,
            kv => (IReadOnlyList<PanelistRating>)kv.Value.Select(r => new PanelistRating(r.Key.ToLowerInvariant(), r.Value.Average())).ToList(),
            StringComparer.OrdinalIgnoreCase);
        return new CollectedRatings(latest, ratings, flags);
    }
}
