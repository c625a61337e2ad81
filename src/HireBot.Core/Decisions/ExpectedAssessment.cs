namespace HireBot.Core.Decisions;

/// <summary>
/// One panelist expected to score one interview of the loop, and the focus competencies that
/// interview's kit asked them to assess. An interview with two panelists is two entries.
/// </summary>
public sealed record ExpectedAssessment(Guid InterviewId, string PanelistEmail, IReadOnlyList<string> FocusCompetencyIds);
