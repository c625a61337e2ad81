namespace HireBot.Teams;

/// <summary>
/// An activity HireBot does not act on (other members joining, typing, unknown invokes, malformed
/// card actions). Still refresh the reference. For an invoke, answer with
/// <see cref="TeamsInvokeResponse.Error"/> or 501; otherwise 200.
/// </summary>
public sealed record TeamsUnhandled(TeamsConversationReference Reference, string? ActivityId, bool IsInvoke, string Reason)
    : TeamsInbound(Reference, ActivityId);
