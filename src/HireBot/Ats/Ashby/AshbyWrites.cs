using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace HireBot.Ats.Ashby;

/// <summary>
/// Scorecards and decisions written to Ashby, exactly once per version. Ashby documents no
/// idempotency key for <c>applicationFeedback.submit</c> or <c>candidate.createNote</c>, so each write
/// carries a reference (<c>hirebot-ref:…</c>) in its text and, before every attempt, the adapter reads
/// back what Ashby holds (<c>applicationFeedback.list</c>, <c>candidate.listNotes</c>) and answers with
/// the record already there. A write whose answer was lost is therefore found, not repeated.
/// </summary>
public sealed class AshbyWrites(AshbyClient ashby, TimeProvider clock, ILogger<AshbyWrites> logger)
{
    private const int Attempts = 3;

    /// <summary>
    /// One feedback submission per scorecard version through <c>applicationFeedback.submit</c>
    /// (https://developers.ashbyhq.com/reference/applicationfeedbacksubmit), on the form of the
    /// interview (<c>interview.info</c>.feedbackFormDefinitionId) or else the organisation's default
    /// form (<c>feedbackFormDefinition.list</c>, https://developers.ashbyhq.com/reference/feedbackformdefinitionlist).
    /// Credited to the interviewer (by Ashby user id, else <c>user.search</c> by email) and to the
    /// interview event; an interviewer unknown to Ashby is credited to the API key's user, with a line
    /// naming them. An amended scorecard is a new submission marked with its version.
    /// </summary>
    public async Task<AtsWriteResult> ScorecardAsync(AtsConnection connection, AtsScorecard scorecard, CancellationToken ct)
    {
        try
        {
            var userId = scorecard.InterviewerAtsUserId ?? await UserIdAsync(connection, scorecard.InterviewerEmail, ct);
            var interviewId = scorecard.InterviewId is null ? null : await InterviewOfEventAsync(connection, scorecard, ct);
            var form = await FormAsync(connection, interviewId, ct);
            var marker = Marker("scorecard", scorecard.ApplicationId, scorecard.InterviewerEmail.ToLowerInvariant(), scorecard.InterviewId ?? "") + $"-v{scorecard.Version}";
            var feedback = AshbyFeedbackMapper.Map(
                form, scorecard, marker, userId is null ? $"Submitted in HireBot by {scorecard.InterviewerEmail}" : null);
            if (feedback.Refusal is not null)
            {
                return new AtsWriteResult.Refused(feedback.Refusal);
            }

            AshbyLog.ScorecardMapped(logger, scorecard.ApplicationId, feedback.Mapped, feedback.AsText);
            var body = new JsonObject
            {
                ["formDefinitionId"] = form.Id,
                ["applicationId"] = scorecard.ApplicationId,
                ["feedbackForm"] = new JsonObject { ["fieldSubmissions"] = feedback.FieldSubmissions },
            };
            if (userId is not null)
            {
                body["userId"] = userId;
                if (scorecard.InterviewId is not null)
                {
                    body["interviewEventId"] = scorecard.InterviewId;
                }
            }

            return await OnceAsync(
                "scorecard",
                scorecard.ApplicationId,
                () => FindFeedbackAsync(connection, scorecard.ApplicationId, marker, ct),
                async () => (string?)(await ashby.CallAsync(connection, "applicationFeedback.submit", body, repeatable: false, ct))
                    ["results"]?["submittedFormInstance"]?["id"] ?? "",
                ct);
        }
        catch (AshbyRefusal refusal)
        {
            return new AtsWriteResult.Refused($"Ashby refused {refusal.Method}: {refusal.Code}");
        }
    }

    /// <summary>
    /// The decision as a note on the candidate through <c>candidate.createNote</c>
    /// (https://developers.ashbyhq.com/reference/candidatecreatenote). Not a stage move: moving to an
    /// Offer or Archived stage with <c>application.changeStage</c> needs an archive reason, can send the
    /// candidate an email and starts the stage's automatic activities, which stay the recruiter's call.
    /// </summary>
    public async Task<AtsWriteResult> DecisionAsync(AtsConnection connection, AtsDecision decision, CancellationToken ct)
    {
        try
        {
            var application = await ashby.CallAsync(connection, "application.info", new JsonObject { ["applicationId"] = decision.ApplicationId }, true, ct);
            var candidateId = (string?)application["results"]?["candidate"]?["id"]
                ?? throw new AshbyRefusal("application.info", "application_without_candidate");
            var marker = Marker("decision", decision.ApplicationId, decision.Outcome, decision.DecidedAt.ToString("O", CultureInfo.InvariantCulture));
            var text = $"HireBot decision: {decision.Outcome}\nDecided by {decision.DecidedBy} on {decision.DecidedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC\n\n{decision.Rationale}\n\n{marker}";
            var body = new JsonObject
            {
                ["candidateId"] = candidateId,
                ["note"] = new JsonObject { ["type"] = "text/plain", ["value"] = text },
                ["sendNotifications"] = false,
            };
            return await OnceAsync(
                "decision",
                decision.ApplicationId,
                () => FindNoteAsync(connection, candidateId, marker, ct),
                async () => (string?)(await ashby.CallAsync(connection, "candidate.createNote", body, repeatable: false, ct))["results"]?["id"] ?? "",
                ct);
        }
        catch (AshbyRefusal refusal)
        {
            return new AtsWriteResult.Refused($"Ashby refused {refusal.Method}: {refusal.Code}");
        }
    }

    /// <summary>The reference a written record carries: stable for the same version, short, no candidate data.</summary>
    internal static string Marker(string kind, params string[] parts)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', parts)));
        return $"hirebot-ref:{kind}-{Convert.ToHexStringLower(hash)[..16]}";
    }

    /// <summary>Look, then write; a write that failed without an answer is looked for again before it is repeated.</summary>
    private async Task<AtsWriteResult> OnceAsync(string what, string applicationId, Func<Task<string?>> find, Func<Task<string>> write, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (await find() is { } existing)
            {
                AshbyLog.AlreadyWritten(logger, what, applicationId, existing);
                return new AtsWriteResult.Written(existing);
            }

            try
            {
                var id = await write();
                AshbyLog.Written(logger, what, applicationId, id);
                return new AtsWriteResult.Written(id);
            }
            catch (AtsException error) when (attempt < Attempts && error.RetryAfter is { } wait && wait <= AshbyClient.LongestWait)
            {
                await Task.Delay(wait, clock, ct);
            }
        }
    }

    private async Task<string?> FindFeedbackAsync(AtsConnection connection, string applicationId, string marker, CancellationToken ct)
    {
        var filter = new JsonObject { ["applicationId"] = applicationId };
        await foreach (var feedback in ashby.PageAsync(connection, "applicationFeedback.list", filter, ct))
        {
            if (feedback["submittedValues"]?.ToJsonString().Contains(marker, StringComparison.Ordinal) == true)
            {
                return (string?)feedback["id"];
            }
        }

        return null;
    }

    private async Task<string?> FindNoteAsync(AtsConnection connection, string candidateId, string marker, CancellationToken ct)
    {
        var filter = new JsonObject { ["candidateId"] = candidateId };
        await foreach (var note in ashby.PageAsync(connection, "candidate.listNotes", filter, ct))
        {
            if (((string?)note["content"])?.Contains(marker, StringComparison.Ordinal) == true)
            {
                return (string?)note["id"];
            }
        }

        return null;
    }

    /// <summary><c>user.search</c> by email (https://developers.ashbyhq.com/reference/usersearch); null when Ashby has no such user.</summary>
    private async Task<string?> UserIdAsync(AtsConnection connection, string email, CancellationToken ct)
    {
        var found = await ashby.CallAsync(connection, "user.search", new JsonObject { ["email"] = email }, true, ct);
        return (string?)(found["results"] as JsonArray)?.FirstOrDefault()?["id"];
    }

    /// <summary>The interview an event belongs to, from the application's schedules.</summary>
    private async Task<string?> InterviewOfEventAsync(AtsConnection connection, AtsScorecard scorecard, CancellationToken ct)
    {
        var filter = new JsonObject { ["applicationId"] = scorecard.ApplicationId };
        await foreach (var schedule in ashby.PageAsync(connection, "interviewSchedule.list", filter, ct))
        {
            var match = (schedule["interviewEvents"] as JsonArray ?? []).FirstOrDefault(e => (string?)e?["id"] == scorecard.InterviewId);
            if (match is not null)
            {
                return (string?)match["interviewId"];
            }
        }

        return null;
    }

    private async Task<AshbyFeedbackForm> FormAsync(AtsConnection connection, string? interviewId, CancellationToken ct)
    {
        string? formId = null;
        if (interviewId is not null)
        {
            var interview = await ashby.CallAsync(connection, "interview.info", new JsonObject { ["id"] = interviewId }, true, ct);
            formId = (string?)interview["results"]?["feedbackFormDefinitionId"];
        }

        if (formId is null)
        {
            await foreach (var form in ashby.PageAsync(connection, "feedbackFormDefinition.list", new JsonObject(), ct))
            {
                if (form["isDefaultForm"]?.GetValue<bool>() == true && form["isArchived"]?.GetValue<bool>() != true)
                {
                    return AshbyFeedbackForm.Parse(form);
                }
            }

            throw new AshbyRefusal("feedbackFormDefinition.list", "no_default_feedback_form");
        }

        var info = await ashby.CallAsync(connection, "feedbackFormDefinition.info", new JsonObject { ["feedbackFormDefinitionId"] = formId }, true, ct);
        return AshbyFeedbackForm.Parse(info["results"] as JsonObject ?? throw new AshbyRefusal("feedbackFormDefinition.info", "empty_results"));
    }
}
