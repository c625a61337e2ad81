namespace HireBot.Inbox;

/// <summary>An accepted request claimed for processing. <paramref name="ClaimToken"/> fences every later update to this claim; <paramref name="OrgId"/> is the organisation the row is processed for.</summary>
public sealed record InboxItem(long Id, string Source, string Key, string Payload, int Attempt, Guid ClaimToken, DateTimeOffset ClaimedAt, Guid OrgId);
