using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace HireBot.Ats.Ashby;

/// <summary>A scorecard turned into <c>feedbackForm.fieldSubmissions</c>, or why it cannot be.</summary>
public sealed record AshbyFeedback(JsonArray? FieldSubmissions, int Mapped, int AsText, string? Refusal);

/// <summary>
/// Maps a HireBot scorecard onto an Ashby feedback form for <c>applicationFeedback.submit</c>
/// (https://developers.ashbyhq.com/reference/applicationfeedbacksubmit): a <c>Score</c> field takes
/// <c>{ score: 1..4 }</c> with optional plain-text <c>comments</c>; a <c>ValueSelect</c> takes one of its
/// option values; <c>RichText</c> takes <c>{ type: "PlainText", value }</c>; <c>LongText</c> a string.
/// A rating whose competency has no mapped field, a score outside 1..4 or a field of another type is
/// written into the form's text field, so nothing is dropped. The text also carries the marker that
/// lets a repeated write find this submission.
/// </summary>
public static class AshbyFeedbackMapper
{
    public static AshbyFeedback Map(AshbyFeedbackForm form, AtsScorecard scorecard, string marker, string? creditLine)
    {
        var submissions = new JsonArray();
        var used = new HashSet<string>(StringComparer.Ordinal);
        var text = new List<string>();
        var mapped = 0;
        var asText = 0;

        foreach (var rating in scorecard.Ratings)
        {
            var field = form.Find(rating.AttributeId);
            if (field is { Type: "Score" } && rating.Score is >= 1 and <= 4 && used.Add(field.Path))
            {
                var value = new JsonObject { ["score"] = rating.Score };
                if (!string.IsNullOrWhiteSpace(rating.Notes))
                {
                    value["comments"] = PlainText(rating.Notes);
                }

                submissions.Add(Submission(field.Path, value));
                mapped++;
                continue;
            }

            asText++;
            var line = $"{rating.Competency}: {rating.Score.ToString(CultureInfo.InvariantCulture)}";
            text.Add(string.IsNullOrWhiteSpace(rating.Notes) ? line : $"{line} — {rating.Notes}");
        }

        var recommendation = form.Recommendation();
        var recommendationValue = recommendation is null ? null : RecommendationValue(recommendation, scorecard.Recommendation);
        if (recommendation is not null && recommendationValue is not null && used.Add(recommendation.Path))
        {
            submissions.Add(Submission(recommendation.Path, recommendationValue));
        }
        else
        {
            text.Insert(0, $"Recommendation: {scorecard.Recommendation}");
        }

        var textField = form.TextField();
        if (textField is null || used.Contains(textField.Path))
        {
            return new AshbyFeedback(null, mapped, asText,
                $"feedback form \"{form.Title}\" has no long-text field for the summary, unmapped competencies and HireBot's reference");
        }

        var body = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(scorecard.Summary))
        {
            body.Append(scorecard.Summary.Trim()).Append("\n\n");
        }

        if (text.Count > 0)
        {
            body.AppendJoin('\n', text).Append("\n\n");
        }

        if (creditLine is not null)
        {
            body.Append(creditLine).Append('\n');
        }

        body.Append(marker);
        submissions.Add(Submission(textField.Path, textField.Type == "RichText" ? PlainText(body.ToString()) : body.ToString()));
        used.Add(textField.Path);

        var missing = form.Fields.Where(f => f.IsRequired && !used.Contains(f.Path)).Select(f => f.Title).ToList();
        return missing.Count > 0
            ? new AshbyFeedback(null, mapped, asText, $"feedback form \"{form.Title}\" requires fields HireBot does not fill: {string.Join(", ", missing)}")
            : new AshbyFeedback(submissions, mapped, asText, null);
    }

    /// <summary>HireBot's four-point recommendation as the field wants it; null when no option matches.</summary>
    internal static JsonNode? RecommendationValue(AshbyFormField field, string recommendation)
    {
        var points = Normalize(recommendation) switch
        {
            "strongno" or "definitelynot" or "strongnohire" => 1,
            "no" or "nohire" or "leaningno" => 2,
            "yes" or "hire" or "leaningyes" => 3,
            "strongyes" or "stronghire" or "definitelyyes" => 4,
            _ => 0,
        };
        if (points == 0)
        {
            return null;
        }

        if (field.Type == "Score")
        {
            return new JsonObject { ["score"] = points };
        }

        if (field.Type != "ValueSelect")
        {
            return null;
        }

        string[] wanted = points switch
        {
            1 => ["strongno", "strongnohire", "definitelynot"],
            2 => ["no", "nohire"],
            3 => ["yes", "hire"],
            _ => ["strongyes", "stronghire", "definitelyyes"],
        };
        var choice = field.Choices.FirstOrDefault(c => wanted.Contains(Normalize(c.Value)) || wanted.Contains(Normalize(c.Label)));
        return choice.Value is { Length: > 0 } value ? JsonValue.Create(value) : null;
    }

    private static string Normalize(string value) =>
        new(value.Where(char.IsLetter).Select(char.ToLowerInvariant).ToArray());

    private static JsonObject PlainText(string value) => new() { ["type"] = "PlainText", ["value"] = value };

    private static JsonObject Submission(string path, JsonNode value) => new() { ["path"] = path, ["value"] = value };
}
