namespace HireBot.Core.Scorecards;

/// <summary>
/// The result of <see cref="ScorecardRules.Submit"/>: the version to show (the new one, or the stored
/// one for a repeat), the failed check to show with the form, and the effects the host persists in
/// the submission's transaction, in order.
/// </summary>
public sealed record Submission(SubmissionKind Kind, Scorecard? Version, ScorecardCheck? Check, IReadOnlyList<ScorecardEffect> Effects);
