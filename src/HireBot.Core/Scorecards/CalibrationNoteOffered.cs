namespace HireBot.Core.Scorecards;

/// <summary>
/// After a first version, the panelist's private calibration note is sent if their history (other
/// loops only) allows one; the host reads that history and decides with <c>CalibrationReport.Note</c>.
/// </summary>
public sealed record CalibrationNoteOffered(Guid LoopId, Guid InterviewId, string PanelistEmail) : ScorecardEffect;
