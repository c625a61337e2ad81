namespace HireBot.Core.Decisions;

/// <summary>One rating from a past loop, for calibration: who gave it, in which loop, of which competency.</summary>
public sealed record PastRating(string Panelist, Guid LoopId, string CompetencyId, double Rating);
