using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace HireBot.Ats.Ashby;

/// <summary>
/// The Ashby adapter. Reads page through Ashby's list methods; writes go through
/// <see cref="AshbyWrites"/> (feedback forms and candidate notes, each checked before it is repeated).
/// </summary>
public sealed class AshbyAdapter(AshbyClient ashby, AshbyWrites writes, ILogger<AshbyAdapter> logger) : IAtsAdapter
{
    public const string KindName = "ashby";

    /// <summary>Ashby's stage type for stages where candidates are interviewed (others: Lead, PreInterviewScreen, Offer, Hired, Archived).</summary>
    internal const string InterviewStageType = "Active";

    public string Kind => KindName;

    /// <summary>
    /// Open jobs from <c>job.list</c> (https://developers.ashbyhq.com/reference/joblist), each with the
    /// stages of its default interview plan from <c>interviewStage.list</c>, in plan order
    /// (https://developers.ashbyhq.com/reference/interviewstagelist).
    /// </summary>
    public async IAsyncEnumerable<AtsJob> ListJobsAsync(AtsConnection connection, [EnumeratorCancellation] CancellationToken ct)
    {
        var filter = new JsonObject { ["status"] = new JsonArray("Open") };
        await foreach (var job in Read(ashby.PageAsync(connection, "job.list", filter, ct)))
        {
            var planId = (string?)job["defaultInterviewPlanId"];
            var stages = planId is null ? [] : await StagesAsync(connection, planId, ct);
            yield return new AtsJob((string)job["id"]!, (string?)job["title"] ?? "", stages);
        }
    }

    /// <summary>
    /// Applications from <c>application.list</c> (https://developers.ashbyhq.com/reference/applicationlist).
    /// Ashby filters that list by creation (<c>createdAfter</c>) or by an opaque <c>syncToken</c>, never
    /// by update time, so a stage change would be missed by <c>createdAfter</c>: with a watermark the
    /// adapter pages through all applications and keeps those updated at or after it, oldest first.
    /// </summary>
    public async IAsyncEnumerable<AtsApplication> ListApplicationsAsync(
        AtsConnection connection, DateTimeOffset? since, [EnumeratorCancellation] CancellationToken ct)
    {
        var changed = new List<JsonObject>();
        await foreach (var application in Read(ashby.PageAsync(connection, "application.list", new JsonObject(), ct)))
        {
            if (since is null || Time(application["updatedAt"]) >= since)
            {
                changed.Add(application);
            }
        }

        foreach (var application in changed.OrderBy(a => Time(a["updatedAt"])))
        {
            yield return await ApplicationAsync(connection, application, ct);
        }
    }

    /// <summary>
    /// Interview events of the application's schedules from <c>interviewSchedule.list</c>
    /// (https://developers.ashbyhq.com/reference/interviewschedulelist). Each event names its
    /// interviewers as user objects with their email; an event that only lists
    /// <c>interviewerUserIds</c> (deprecated) or a user without an email is completed with
    /// <c>user.info</c> (https://developers.ashbyhq.com/reference/userinfo). The event's title comes from
    /// <c>interview.info</c> (https://developers.ashbyhq.com/reference/interviewinfo).
    /// </summary>
    public async Task<IReadOnlyList<AtsInterview>> ListInterviewsAsync(AtsConnection connection, string applicationId, CancellationToken ct)
    {
        var titles = new Dictionary<string, string>(StringComparer.Ordinal);
        var users = new Dictionary<string, AtsInterviewer>(StringComparer.Ordinal);
        var interviews = new List<AtsInterview>();
        var filter = new JsonObject { ["applicationId"] = applicationId };
        await foreach (var schedule in Read(ashby.PageAsync(connection, "interviewSchedule.list", filter, ct)))
        {
            var status = (string?)schedule["status"] ?? "Unknown";
            if (status == "Cancelled")
            {
                continue;
            }

            foreach (var item in schedule["interviewEvents"] as JsonArray ?? [])
            {
                if (item is not JsonObject interviewEvent)
                {
                    continue;
                }

                var interviewers = new List<AtsInterviewer>();
                foreach (var person in Interviewers(interviewEvent))
                {
                    interviewers.Add(person.Email is null ? await UserAsync(connection, person.UserId, users, ct) : person);
                }

                interviews.Add(new AtsInterview(
                    (string)interviewEvent["id"]!,
                    applicationId,
                    await TitleAsync(connection, (string?)interviewEvent["interviewId"], titles, ct),
                    Time(interviewEvent["startTime"]),
                    Time(interviewEvent["endTime"]),
                    interviewers,
                    status));
            }
        }

        return interviews;
    }

    public Task<AtsWriteResult> WriteScorecardAsync(AtsConnection connection, AtsScorecard scorecard, CancellationToken ct) =>
        writes.ScorecardAsync(connection, scorecard, ct);

    public Task<AtsWriteResult> WriteDecisionAsync(AtsConnection connection, AtsDecision decision, CancellationToken ct) =>
        writes.DecisionAsync(connection, decision, ct);

    public AtsWebhook? VerifyWebhook(AtsConnection connection, IReadOnlyDictionary<string, string> headers, ReadOnlySpan<byte> body)
    {
        if (!AshbyWebhooks.IsSigned(connection.WebhookSecret, headers, body))
        {
            AshbyLog.WebhookRefused(logger, connection.OrgId, "missing or wrong Ashby-Signature");
            return null;
        }

        var webhook = AshbyWebhooks.Parse(body);
        if (webhook is null)
        {
            AshbyLog.WebhookRefused(logger, connection.OrgId, "signed body is not an Ashby event");
        }

        return webhook;
    }

    internal static DateTimeOffset Time(JsonNode? node) =>
        DateTimeOffset.Parse((string?)node ?? throw new AtsException("Ashby sent a record without a timestamp"), CultureInfo.InvariantCulture);

    private async Task<IReadOnlyList<AtsStage>> StagesAsync(AtsConnection connection, string planId, CancellationToken ct)
    {
        var page = await Read(() => ashby.CallAsync(connection, "interviewStage.list", new JsonObject { ["interviewPlanId"] = planId }, true, ct));
        return (page["results"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .OrderBy(s => s["orderInInterviewPlan"]?.GetValue<int>() ?? 0)
            .Select(s => new AtsStage((string)s["id"]!, (string?)s["title"] ?? "", (string?)s["type"] == InterviewStageType))
            .ToList();
    }

    /// <summary>The application's own candidate copy has the primary email; <c>candidate.info</c> fills it when absent.</summary>
    private async Task<AtsApplication> ApplicationAsync(AtsConnection connection, JsonObject application, CancellationToken ct)
    {
        var candidate = application["candidate"] as JsonObject ?? [];
        var candidateId = (string?)candidate["id"] ?? "";
        var email = (string?)candidate["primaryEmailAddress"]?["value"];
        if (email is null && candidateId.Length > 0)
        {
            var info = await Read(() => ashby.CallAsync(connection, "candidate.info", new JsonObject { ["id"] = candidateId }, true, ct));
            email = (string?)info["results"]?["primaryEmailAddress"]?["value"];
        }

        var stage = application["currentInterviewStage"] as JsonObject;
        var status = (string?)application["status"] ?? "Active";
        return new AtsApplication(
            (string)application["id"]!,
            candidateId,
            (string?)candidate["name"] ?? "",
            email,
            (string?)application["job"]?["id"] ?? "",
            (string?)stage?["id"],
            (string?)stage?["title"],
            status == "Active" && (string?)stage?["type"] == InterviewStageType,
            status,
            Time(application["updatedAt"]));
    }

    private static IEnumerable<AtsInterviewer> Interviewers(JsonObject interviewEvent)
    {
        if (interviewEvent["interviewers"] is JsonArray people)
        {
            return people.OfType<JsonObject>().Select(p => new AtsInterviewer(
                (string)p["id"]!, (string?)p["email"], Name(p)));
        }

        return (interviewEvent["interviewerUserIds"] as JsonArray ?? [])
            .Select(id => new AtsInterviewer((string)id!, null, null));
    }

    private async Task<AtsInterviewer> UserAsync(AtsConnection connection, string userId, Dictionary<string, AtsInterviewer> users, CancellationToken ct)
    {
        if (!users.TryGetValue(userId, out var user))
        {
            var info = await Read(() => ashby.CallAsync(connection, "user.info", new JsonObject { ["userId"] = userId }, true, ct));
            var results = info["results"] as JsonObject ?? [];
            users[userId] = user = new AtsInterviewer(userId, (string?)results["email"], Name(results));
        }

        return user;
    }

    private async Task<string> TitleAsync(AtsConnection connection, string? interviewId, Dictionary<string, string> titles, CancellationToken ct)
    {
        if (interviewId is null)
        {
            return "Interview";
        }

        if (!titles.TryGetValue(interviewId, out var title))
        {
            var info = await Read(() => ashby.CallAsync(connection, "interview.info", new JsonObject { ["id"] = interviewId }, true, ct));
            titles[interviewId] = title = (string?)info["results"]?["title"] ?? "Interview";
        }

        return title;
    }

    private static string? Name(JsonObject user) =>
        string.Join(' ', new[] { (string?)user["firstName"], (string?)user["lastName"] }.Where(n => !string.IsNullOrEmpty(n))) is { Length: > 0 } name ? name : null;

    /// <summary>A read Ashby refused is not worth repeating: it surfaces as an <see cref="AtsException"/> without a retry time.</summary>
    private static async Task<JsonObject> Read(Func<Task<JsonObject>> call)
    {
        try
        {
            return await call();
        }
        catch (AshbyRefusal refusal)
        {
            throw new AtsException(refusal.Message, null, refusal);
        }
    }

    private static async IAsyncEnumerable<JsonObject> Read(IAsyncEnumerable<JsonObject> pages)
    {
        await using var items = pages.GetAsyncEnumerator();
        while (true)
        {
            try
            {
                if (!await items.MoveNextAsync())
                {
                    yield break;
                }
            }
            catch (AshbyRefusal refusal)
            {
                throw new AtsException(refusal.Message, null, refusal);
            }

            yield return items.Current;
        }
    }
}
