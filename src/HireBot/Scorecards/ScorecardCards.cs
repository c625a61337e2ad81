using System.Globalization;
using System.Text.Json.Nodes;
using HireBot.Cards;
using HireBot.Core.Roles;
using HireBot.Core.Scorecards;

namespace HireBot.Scorecards;

/// <summary>Binds the <c>scorecard</c> and <c>scorecard-submitted</c> templates (data shapes in cards/README.md).</summary>
public static class ScorecardCards
{
    public const string Form = CardNames.Scorecard;
    public const string Submitted = CardNames.ScorecardSubmitted;

    /// <summary>The scorecard to fill in, with what was typed and, after a failed check, the errors.</summary>
    public static JsonObject FormData(InterviewFacts facts, Role role, ScorecardShape shape, ScorecardForm form, ScorecardCheck? check = null)
    {
        var data = Header(facts, role, shape);
        if (check?.Error is { } error) data["error"] = error;
        if (check?.FieldErrors.Where(e => !e.Key.Contains('.')).ToList() is { Count: > 0 } formErrors)
            data["fieldErrors"] = new JsonObject(formErrors.Select(e => KeyValuePair.Create(e.Key, (JsonNode?)e.Value)));
        data["ratingScale"] = new JsonArray(shape.Scale.Anchors.Select(a => (JsonNode)new JsonObject
            { ["value"] = a.Value.ToString(CultureInfo.InvariantCulture), ["title"] = $"{a.Value} · {a.Label}" }).ToArray());
        data["competencies"] = new JsonArray(shape.Competencies.Select(c =>
        {
            var row = new JsonObject
            {
                ["id"] = c.Id, ["name"] = c.Name, ["strong"] = c.StrongEvidence,
                ["rating"] = form.Ratings.GetValueOrDefault(c.Id, ""), ["evidence"] = form.Evidence.GetValueOrDefault(c.Id, ""),
            };
            foreach (var field in (ReadOnlySpan<string>)["rating", "evidence"])
                if (check?.FieldErrors.GetValueOrDefault($"{field}.{c.Id}") is { } e)
                {
                    row["error"] = e;
                    row["errorField"] = $"{field}.{c.Id}";
                }
            return (JsonNode)row;
        }).ToArray());
        data["redFlagOptions"] = new JsonArray(shape.RedFlags.Select(o => (JsonNode)new JsonObject { ["value"] = o.Value, ["title"] = o.Title }).ToArray());
        data["selectedRedFlags"] = form.RedFlags;
        data["recommendation"] = form.Recommendation;
        return data;
    }

    /// <summary>The read-only view of a stored scorecard; the Amend button shows while the loop is undecided.</summary>
    public static JsonObject SubmittedData(InterviewFacts facts, Role role, ScorecardShape shape, Scorecard s)
    {
        var data = Header(facts, role, shape);
        var when = (s.AmendedAt ?? s.SubmittedAt).ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        data["submittedAt"] = s.AmendedAt is null ? when : $"{when} (amended)";
        data["competencies"] = new JsonArray(s.Ratings.Select(r => (JsonNode)new JsonObject
        {
            ["name"] = shape.Competencies.FirstOrDefault(c => c.Id == r.CompetencyId)?.Name ?? r.CompetencyId,
            ["rating"] = shape.RatingLabel(r.Rating),
            ["evidence"] = r.Evidence,
        }).ToArray());
        data["redFlags"] = new JsonArray(s.RedFlags.Select(f => (JsonNode)JsonValue.Create(f)!).ToArray());
        data["recommendation"] = Label(s.Recommendation);
        data["canAmend"] = !facts.IsClosed;
        return data;
    }

    public static string Label(Recommendation r) => r switch
    {
        Recommendation.StrongNo => "Strong no",
        Recommendation.No => "No",
        Recommendation.Yes => "Yes",
        Recommendation.StrongYes => "Strong yes",
        _ => r.ToString(),
    };

    private static JsonObject Header(InterviewFacts facts, Role role, ScorecardShape shape) => new()
    {
        ["interviewId"] = facts.InterviewId.ToString(),
        ["candidate"] = facts.CandidateName,
        ["role"] = role.Template.Title,
        ["round"] = shape.Round.Name,
    };
}
