namespace HireBot.Core.Decisions;

/// <summary>Why the digest draws the hiring team's attention to something.</summary>
public enum RiskFlagKind
{
    StrongNo,
    RedFlagRaised,
    HighDisagreement,
    FocusCompetencyUnassessed,
    RatingWithoutEvidence,
    SawOthersBeforeSubmitting,
    MissingScorecard,
    /// <summary>A rating for a competency the rubric no longer has, or outside the scale; it is left out of the scores.</summary>
    RatingIgnored,
}
