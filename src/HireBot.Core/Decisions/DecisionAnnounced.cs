namespace HireBot.Core.Decisions;

/// <summary>
/// The decision card goes to the hiring channel (or each recruiter), keyed <paramref name="Key"/> so
/// it is sent once; the host adds the digest's one-line summary.
/// </summary>
public sealed record DecisionAnnounced(string Key, string Decision, string CandidateName, string DecidedByName, DateTimeOffset At, string Reason) : DecisionEffect;
