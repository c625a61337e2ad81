namespace HireBot.Scorecards;

/// <summary>Settings of the scorecard flow (configuration section <c>Scorecards</c>).</summary>
public sealed class ScorecardOptions
{
    public const string Section = "Scorecards";

    /// <summary>
    /// Hours after the loop's last interview ends before the deadline digest goes out marked
    /// incomplete. Calendar hours: the digest only needs to arrive, not on a business-hour boundary.
    /// </summary>
    public double FeedbackDeadlineHours { get; set; } = 48;

    /// <summary>Evidence for a focus competency must have at least this many words.</summary>
    public int MinEvidenceWords { get; set; } = 3;

    /// <summary>
    /// A panelist gets the private calibration note after a scorecard once this many of their past
    /// scorecards (other loops) could be compared with another panelist's ratings.
    /// </summary>
    public int CalibrationNoteMinScorecards { get; set; } = 5;

    public string? Validate() =>
        FeedbackDeadlineHours <= 0 ? "Scorecards__FeedbackDeadlineHours must be positive."
        : MinEvidenceWords < 1 ? "Scorecards__MinEvidenceWords must be at least 1."
        : CalibrationNoteMinScorecards < 1 ? "Scorecards__CalibrationNoteMinScorecards must be at least 1."
        : null;
}
