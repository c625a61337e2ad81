namespace HireBot.Core.Access;

/// <summary>One seat the actor holds on a candidate's current loop (cancelled interviews excluded).</summary>
public sealed record PanelSeat(Guid InterviewId, bool IsShadow, bool Submitted);
