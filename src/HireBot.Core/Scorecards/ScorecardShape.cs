using System.Globalization;
using System.Text;
using HireBot.Core.Roles;
using HireBot.Core.Rubrics;

namespace HireBot.Core.Scorecards;

/// <summary>
/// What one round's scorecard asks: the round's focus competencies (with what strong looks like),
/// the red flags those competencies name, and the rubric's rating scale.
/// </summary>
public sealed record ScorecardShape(RoundTemplate Round, IReadOnlyList<Competency> Competencies, IReadOnlyList<RedFlagOption> RedFlags, RatingScale Scale)
{
    /// <summary>Null when the role's template has no such round (the template was edited after booking).</summary>
    public static ScorecardShape? For(RoleTemplate template, string roundId)
    {
        if (template.Loop.FindRound(roundId) is not { } round) return null;
        var competencies = round.FocusCompetencies.Select(template.Rubric.FindCompetency).OfType<Competency>().ToList();
        var flags = competencies.SelectMany(c => c.RedFlags).Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(f => new RedFlagOption(Slug(f), f)).DistinctBy(o => o.Value).ToList();
        return new ScorecardShape(round, competencies, flags, template.Rubric.Scale);
    }

    public string RatingLabel(int value) =>
        Scale.Anchors.FirstOrDefault(a => a.Value == value) is { } a ? $"{a.Value} · {a.Label}" : value.ToString(CultureInfo.InvariantCulture);

    // Card choice values must not contain commas (multi-select values are comma-joined), so red
    // flags travel as slugs of their wording and are stored as the wording itself.
    private static string Slug(string text)
    {
        var sb = new StringBuilder();
        foreach (var ch in text.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(ch)) sb.Append(ch);
            else if (sb.Length > 0 && sb[^1] != '-') sb.Append('-');
        }
        return sb.ToString().Trim('-') is { Length: > 0 } s ? (s.Length > 60 ? s[..60].TrimEnd('-') : s) : "flag";
    }
}
