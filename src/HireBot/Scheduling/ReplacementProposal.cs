namespace HireBot.Scheduling;

/// <summary>A replacement for a panelist who declined, as proposed to the recruiters.</summary>
public sealed record ReplacementProposal(Guid Id, Guid InterviewId, string DeclinedEmail, string ProposedEmail, string? AcceptedBy);
