using System.Globalization;
using System.Text;

namespace HireBot.Ats.Greenhouse;

/// <summary>
/// The structured note a scorecard or decision becomes in Greenhouse (plain text: the activity feed
/// shows notes as text). Mapped competencies are listed under the Greenhouse attribute they map to;
/// unmapped ones are listed too, under their own names: nothing is dropped.
/// </summary>
public static class GreenhouseNotes
{
    public static string Scorecard(AtsScorecard s)
    {
        var b = new StringBuilder();
        b.Append(CultureInfo.InvariantCulture, $"HireBot scorecard v{s.Version}");
        if (s.InterviewId is { } i) b.Append(CultureInfo.InvariantCulture, $" (interview {i})");
        b.Append('\n').Append(CultureInfo.InvariantCulture, $"Interviewer: {s.InterviewerEmail}\nOverall recommendation: {s.Recommendation}\n");
        var mapped = s.Ratings.Where(r => r.AttributeId is not null).ToList();
        var unmapped = s.Ratings.Where(r => r.AttributeId is null).ToList();
        if (mapped.Count > 0)
        {
            b.Append("Attributes:\n");
            foreach (var r in mapped) b.Append(CultureInfo.InvariantCulture, $"- [{r.AttributeId}] {r.Competency}: {r.Score}/4{Notes(r)}\n");
        }
        if (unmapped.Count > 0)
        {
            b.Append("Not mapped to a Greenhouse attribute:\n");
            foreach (var r in unmapped) b.Append(CultureInfo.InvariantCulture, $"- {r.Competency}: {r.Score}/4{Notes(r)}\n");
        }
        if (s.Summary.Length > 0) b.Append("Summary: ").Append(s.Summary).Append('\n');
        b.Append(CultureInfo.InvariantCulture, $"Submitted {s.SubmittedAt:yyyy-MM-dd HH:mm} UTC");
        return b.ToString();
    }

    public static string Decision(AtsDecision d) =>
        string.Create(CultureInfo.InvariantCulture, $"HireBot decision: {d.Outcome}\nDecided by: {d.DecidedBy} on {d.DecidedAt:yyyy-MM-dd HH:mm} UTC\nRationale: {d.Rationale}");

    private static string Notes(AtsRating r) => string.IsNullOrWhiteSpace(r.Notes) ? "" : " — " + r.Notes.ReplaceLineEndings(" ");
}
