namespace HireBot.Ats;

/// <summary>
/// The applicant tracking system port: one adapter per system (Greenhouse, Ashby), called with the
/// organisation's connection. Reads page through the ATS's own pagination; writes are called from the
/// outbox (one call per scorecard or decision version) and classify their failure so it can retry.
/// </summary>
/// <remarks>
/// Expected outcomes are return values. An ATS that cannot answer (429 past the retry budget, 5xx,
/// timeouts) throws <see cref="AtsException"/> with <see cref="AtsException.RetryAfter"/> set when it
/// is worth trying again.
/// </remarks>
public interface IAtsAdapter
{
    /// <summary>"greenhouse" or "ashby": the value stored on the connection.</summary>
    string Kind { get; }

    /// <summary>Open jobs (requisitions), each with its interview plan's stages.</summary>
    IAsyncEnumerable<AtsJob> ListJobsAsync(AtsConnection connection, CancellationToken ct);

    /// <summary>Applications changed at or after <paramref name="since"/> (all when null), oldest change first.</summary>
    IAsyncEnumerable<AtsApplication> ListApplicationsAsync(AtsConnection connection, DateTimeOffset? since, CancellationToken ct);

    /// <summary>Interviews already scheduled in the ATS for one application.</summary>
    Task<IReadOnlyList<AtsInterview>> ListInterviewsAsync(AtsConnection connection, string applicationId, CancellationToken ct);

    /// <summary>Writes one scorecard version; repeating it with the same <see cref="AtsScorecard.Version"/> must not add a second record where the ATS lets us tell.</summary>
    Task<AtsWriteResult> WriteScorecardAsync(AtsConnection connection, AtsScorecard scorecard, CancellationToken ct);

    /// <summary>Writes the hiring decision for an application.</summary>
    Task<AtsWriteResult> WriteDecisionAsync(AtsConnection connection, AtsDecision decision, CancellationToken ct);

    /// <summary>
    /// Verifies a webhook delivery's signature over the raw body before anything is parsed; null when
    /// the signature is missing or wrong. Parses only a verified body.
    /// </summary>
    AtsWebhook? VerifyWebhook(AtsConnection connection, IReadOnlyDictionary<string, string> headers, ReadOnlySpan<byte> body);
}

/// <summary>An organisation's connection to its ATS. Secrets are decrypted only to make a call.</summary>
public sealed record AtsConnection(
    Guid OrgId,
    string Kind,
    Uri BaseUrl,
    string ApiKey,
    string WebhookSecret,
    string? OnBehalfOfUserId,
    string DefaultTemplate);

public sealed record AtsJob(string Id, string Name, IReadOnlyList<AtsStage> Stages);

/// <summary>A stage of a job's interview plan; <paramref name="IsInterview"/> when candidates there are interviewed.</summary>
public sealed record AtsStage(string Id, string Name, bool IsInterview);

public sealed record AtsApplication(
    string Id,
    string CandidateId,
    string CandidateName,
    string? CandidateEmail,
    string JobId,
    string? StageId,
    string? StageName,
    bool AtInterviewStage,
    string Status,
    DateTimeOffset UpdatedAt);

public sealed record AtsInterview(
    string Id,
    string ApplicationId,
    string Name,
    DateTimeOffset StartUtc,
    DateTimeOffset EndUtc,
    IReadOnlyList<AtsInterviewer> Interviewers,
    string Status);

public sealed record AtsInterviewer(string UserId, string? Email, string? Name);

/// <summary>
/// One competency's rating; <paramref name="AttributeId"/> is the role's mapping when it has one
/// (Greenhouse: a scorecard attribute id; Ashby: a feedback form field's path or id).
/// </summary>
public sealed record AtsRating(string Competency, int Score, string? AttributeId, string? Notes);

/// <summary>
/// One scorecard version; <paramref name="InterviewId"/> is the <see cref="AtsInterview.Id"/> the
/// interview was imported with (Greenhouse: scheduled interview; Ashby: interview event), null for
/// an interview HireBot booked itself.
/// </summary>
public sealed record AtsScorecard(
    string ApplicationId,
    string? InterviewId,
    string InterviewerEmail,
    string? InterviewerAtsUserId,
    string Recommendation,
    IReadOnlyList<AtsRating> Ratings,
    string Summary,
    int Version,
    DateTimeOffset SubmittedAt);

public sealed record AtsDecision(string ApplicationId, string Outcome, string Rationale, string DecidedBy, DateTimeOffset DecidedAt);

/// <summary>What the ATS keeps as the record of a write (its id), or why it was refused for good.</summary>
public abstract record AtsWriteResult
{
    public sealed record Written(string AtsId) : AtsWriteResult;
    public sealed record Refused(string Reason) : AtsWriteResult;
}

/// <summary>A verified webhook: what changed, and the ids to fetch; the import refetches rather than trusting the payload's copy.</summary>
public sealed record AtsWebhook(string Event, string? ApplicationId, string? JobId, string? InterviewId);

public sealed class AtsException(string message, TimeSpan? retryAfter = null, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>When set, the call may succeed if tried again after this delay.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
