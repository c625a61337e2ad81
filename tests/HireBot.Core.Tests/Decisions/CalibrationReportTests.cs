using HireBot.Core.Decisions;

namespace HireBot.Core.Tests.Decisions;

/// <summary>Issue 15 item 3: the calibration table and the private note after a scorecard.</summary>
public class CalibrationReportTests
{
    private static readonly DecisionPolicy Policy = new();
    private static readonly string[] Competencies = ["a", "b", "c"];

    /// <summary><paramref name="loops"/> loops where raj rates <paramref name="rajOffset"/> from his two peers, whose ratings are given per loop.</summary>
    private static List<PastRating> History(int loops, double rajOffset, Func<int, (int Ann, int Bo)> peers)
    {
        var history = new List<PastRating>();
        for (var l = 0; l < loops; l++)
        {
            var loop = new Guid(l + 1, 0, 0, new byte[8]);
            var (ann, bo) = peers(l);
            foreach (var c in Competencies)
            {
                history.Add(new PastRating("ann@example.com", loop, c, ann));
                history.Add(new PastRating("bo@example.com", loop, c, bo));
                history.Add(new PastRating("raj@example.com", loop, c, (ann + bo) / 2.0 + rajOffset + (l % 2 == 0 ? 0.5 : -0.5)));
            }
        }
        return history;
    }

    [Fact]
    public void A_lenient_interviewer_gets_a_positive_leniency_with_an_interval_above_zero_and_a_median_time()
    {
        var history = History(12, 1, l => l % 3 == 0 ? (2, 4) : (3, 3));
        var rows = CalibrationReport.Rows(["raj@example.com", "ann@example.com", "new@example.com"], history,
            [new("raj@example.com", 2), new("raj@example.com", 30), new("raj@example.com", 5)], Policy);

        var raj = rows[0];
        Assert.Equal(3, raj.Scorecards);
        Assert.Equal(5, raj.MedianHoursToSubmit);
        Assert.InRange(raj.Leniency!.Leniency, 0.5, 1.0);
        Assert.True(raj.Interval!.Value.Low > 0, $"interval {raj.Interval}");
        Assert.NotNull(raj.Agreement.Alpha);
        Assert.True(rows[1].Leniency!.Leniency < 0, "a peer of a lenient rater sits below the others' mean");
        Assert.Equal(0, rows[2].Scorecards);
        Assert.Null(rows[2].Leniency);
        Assert.Null(rows[2].MedianHoursToSubmit);
    }

    [Fact]
    public void The_note_comes_only_past_the_minimum_history()
    {
        Assert.Null(CalibrationReport.Note("raj@example.com", History(4, 1, _ => (3, 3)), Policy, minScorecards: 5));
        var note = CalibrationReport.Note("raj@example.com", History(5, 1, _ => (3, 3)), Policy, minScorecards: 5);
        Assert.NotNull(note);
        Assert.Contains("over 5 past scorecards", note);
        Assert.Contains("1.10 above", note); // +1.5, +0.5, +1.5, +0.5, +1.5
        Assert.Null(CalibrationReport.Note("nobody@example.com", History(9, 1, _ => (3, 3)), Policy, minScorecards: 5));
    }

    [Fact]
    public void The_note_depends_on_the_peers_only_through_their_average_and_names_none_of_them()
    {
        // The same peer average (3) from (3, 3) or (2, 4) in every loop: individual ratings differ, the note does not.
        var agreeing = CalibrationReport.Note("raj@example.com", History(8, -0.5, _ => (3, 3)), Policy, 5)!;
        var split = CalibrationReport.Note("raj@example.com", History(8, -0.5, _ => (2, 4)), Policy, 5)!;

        Assert.Equal(agreeing, split);
        Assert.Contains("below", agreeing);
        Assert.DoesNotContain("ann", agreeing);
        Assert.DoesNotContain("bo@", agreeing);
    }
}
