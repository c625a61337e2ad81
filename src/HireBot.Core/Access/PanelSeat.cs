namespace HireBot.Core.Access;

/// <summary>One seat the actor holds on an interview of a candidate's loop; a cancelled interview's seat owes nothing.</summary>
public sealed record PanelSeat(Guid InterviewId, bool IsShadow, bool Submitted, bool Cancelled = false);
