using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace HireBot.Ats.Greenhouse;

/// <summary>
/// Greenhouse through its Harvest API (v1, https://developers.greenhouse.io/harvest.html) and its
/// webhooks (https://developers.greenhouse.io/webhooks.html).
/// <para>
/// Write-back: Harvest has no endpoint that creates a scorecard (its Scorecards section documents
/// only GET: List Scorecards, List Scorecards for Application, Retrieve Scorecard), so a scorecard
/// and a decision are written as a structured note on the candidate's activity feed
/// (<c>POST /v1/candidates/{id}/activity_feed/notes</c>, "POST: Add Note", with the
/// <c>On-Behalf-Of</c> header Harvest requires for auditing). A note cannot be found again by our
/// key, so repeats are prevented on our side: the outbox sends each version once.
/// </para>
/// </summary>
public sealed class GreenhouseAdapter(GreenhouseHttp http) : IAtsAdapter
{
    public const string KindName = "greenhouse";
    public string Kind => KindName;

    /// <summary>Open jobs (GET /v1/jobs?status=open, "GET: List Jobs") with their stages (GET /v1/jobs/{id}/stages, "GET: List Job Stages For Job").</summary>
    public async IAsyncEnumerable<AtsJob> ListJobsAsync(AtsConnection connection, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var job in http.ListAsync(connection, "jobs?status=open", ct))
        {
            var id = Id(job["id"]);
            var stages = new List<AtsStage>();
            await foreach (var s in http.ListAsync(connection, $"jobs/{id}/stages", ct))
                stages.Add(new AtsStage(Id(s["id"]), s["name"]?.ToString() ?? "", IsInterviewStage(s)));
            yield return new AtsJob(id, job["name"]?.ToString() ?? id, stages);
        }
    }

    /// <summary>
    /// A stage is an interview stage when it holds a schedulable interview (job stage object,
    /// <c>interviews[].schedulable</c>); Greenhouse has no stage type. "Application Review" and
    /// "Offer" hold none.
    /// </summary>
    private static bool IsInterviewStage(JsonObject stage) =>
        (stage["interviews"] as JsonArray)?.OfType<JsonObject>().Any(i => i["schedulable"]?.GetValue<bool>() == true) == true;

    /// <summary>
    /// GET /v1/applications?last_activity_after=… ("GET: List Applications": Harvest filters
    /// applications by <c>last_activity_at</c>, it has no updated_after for them), then each
    /// candidate (GET /v1/candidates/{id}) for the name and email. Prospects (no job yet) are skipped.
    /// </summary>
    public async IAsyncEnumerable<AtsApplication> ListApplicationsAsync(AtsConnection connection, DateTimeOffset? since,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var query = since is { } s ? "applications?last_activity_after=" + Uri.EscapeDataString(s.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)) : "applications";
        var stages = new Dictionary<string, IReadOnlyList<AtsStage>>();
        var list = new List<JsonObject>();
        await foreach (var a in http.ListAsync(connection, query, ct)) list.Add(a);
        foreach (var a in list.OrderBy(a => Time(a["last_activity_at"])))
            if (await ReadAsync(connection, a, stages, ct) is { } app) yield return app;
    }

    private async Task<AtsApplication?> ReadAsync(AtsConnection c, JsonObject a, Dictionary<string, IReadOnlyList<AtsStage>> stages, CancellationToken ct)
    {
        if (a["prospect"]?.GetValue<bool>() == true || (a["jobs"] as JsonArray)?.FirstOrDefault() is not JsonObject job) return null;
        var jobId = Id(job["id"]);
        var candidate = await http.GetAsync(c, $"candidates/{Id(a["candidate_id"])}", ct);
        var email = (candidate["email_addresses"] as JsonArray)?.OfType<JsonObject>()
            .OrderBy(e => e["type"]?.ToString() == "personal" ? 0 : 1).Select(e => e["value"]?.ToString()).FirstOrDefault(e => e is { Length: > 0 });
        var name = $"{candidate["first_name"]} {candidate["last_name"]}".Trim();
        var stage = a["current_stage"] as JsonObject;
        var stageId = stage is null ? null : Id(stage["id"]);
        if (!stages.TryGetValue(jobId, out var known))
        {
            var list = new List<AtsStage>();
            await foreach (var s in http.ListAsync(c, $"jobs/{jobId}/stages", ct)) list.Add(new AtsStage(Id(s["id"]), s["name"]?.ToString() ?? "", IsInterviewStage(s)));
            stages[jobId] = known = list;
        }
        var status = a["status"]?.ToString() ?? "active";
        var atInterview = status == "active" && known.Any(s => s.Id == stageId && s.IsInterview);
        return new AtsApplication(Id(a["id"]), Id(a["candidate_id"]), name.Length > 0 ? name : "Candidate " + Id(a["candidate_id"]), email, jobId,
            stageId, stage?["name"]?.ToString(), atInterview, status, Time(a["last_activity_at"]));
    }

    /// <summary>GET /v1/applications/{id}/scheduled_interviews ("GET: List Scheduled Interviews for Application"); all-day ones (a date, no time) are skipped.</summary>
    public async Task<IReadOnlyList<AtsInterview>> ListInterviewsAsync(AtsConnection connection, string applicationId, CancellationToken ct)
    {
        var interviews = new List<AtsInterview>();
        await foreach (var i in http.ListAsync(connection, $"applications/{applicationId}/scheduled_interviews", ct))
        {
            if (i["start"]?["date_time"] is null || i["end"]?["date_time"] is null) continue;
            var panel = (i["interviewers"] as JsonArray)?.OfType<JsonObject>()
                .Select(p => new AtsInterviewer(Id(p["id"]), p["email"]?.ToString(), p["name"]?.ToString())).ToList() ?? [];
            interviews.Add(new AtsInterview(Id(i["id"]), applicationId, i["interview"]?["name"]?.ToString() ?? "Interview",
                Time(i["start"]!["date_time"]), Time(i["end"]!["date_time"]), panel, i["status"]?.ToString() ?? "scheduled"));
        }
        return interviews;
    }

    public Task<AtsWriteResult> WriteScorecardAsync(AtsConnection connection, AtsScorecard s, CancellationToken ct) =>
        NoteAsync(connection, s.ApplicationId, GreenhouseNotes.Scorecard(s), s.InterviewerAtsUserId,
            Ashby.AshbyWrites.Marker("scorecard", s.ApplicationId, s.InterviewerEmail.ToLowerInvariant(), s.InterviewId ?? "") + $"-v{s.Version}", ct);

    public Task<AtsWriteResult> WriteDecisionAsync(AtsConnection connection, AtsDecision d, CancellationToken ct) =>
        NoteAsync(connection, d.ApplicationId, GreenhouseNotes.Decision(d), null,
            Ashby.AshbyWrites.Marker("decision", d.ApplicationId, d.Outcome, d.DecidedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture)), ct);

    /// <summary>
    /// "POST: Add Note": <c>{user_id, body, visibility}</c> with <c>On-Behalf-Of</c>; the note is made
    /// as the interviewer when their Greenhouse user is known, else as the connection's user.
    /// <c>visibility: admin_only</c>: feedback is for the hiring team, as Greenhouse keeps scorecards.
    /// Harvest takes no idempotency key, so the note carries a reference and the candidate's activity feed
    /// ("GET: Retrieve Activity Feed") is read first: a note whose answer was lost is found, not written twice.
    /// </summary>
    private async Task<AtsWriteResult> NoteAsync(AtsConnection c, string applicationId, string body, string? asUser, string reference, CancellationToken ct)
    {
        var user = asUser ?? c.OnBehalfOfUserId;
        if (string.IsNullOrEmpty(user))
            return new AtsWriteResult.Refused("no Greenhouse user to write as: reconnect with `user <greenhouse-user-id>`");
        var application = await http.GetAsync(c, $"applications/{applicationId}", ct);
        var candidateId = Id(application["candidate_id"]);
        var feed = await http.GetAsync(c, $"candidates/{candidateId}/activity_feed", ct);
        if ((feed["notes"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(x => x["body"]?.ToString().Contains(reference, StringComparison.Ordinal) == true) is { } written)
            return new AtsWriteResult.Written(Id(written["id"]));
        var payload = new JsonObject { ["user_id"] = long.TryParse(user, out var n) ? n : user, ["body"] = body + "\n\n" + reference, ["visibility"] = "admin_only" };
        var (note, refusal) = await http.PostAsync(c, $"candidates/{candidateId}/activity_feed/notes", payload, user, ct);
        return note is not null ? new AtsWriteResult.Written(Id(note["id"])) : new AtsWriteResult.Refused(refusal!);
    }

    /// <summary>
    /// <c>Signature: sha256 &lt;hex&gt;</c>, the HMAC-SHA256 of the raw body with the webhook's secret key
    /// (webhooks "Authentication"), compared in constant time before the body is parsed.
    /// Events used: new_candidate_application, candidate_stage_change, application_updated,
    /// reject_candidate, interview_deleted; "ping" (sent when the webhook is saved) is accepted.
    /// </summary>
    public AtsWebhook? VerifyWebhook(AtsConnection connection, IReadOnlyDictionary<string, string> headers, ReadOnlySpan<byte> body)
    {
        if (connection.WebhookSecret.Length == 0) return null;
        var signature = headers.FirstOrDefault(h => h.Key.Equals("Signature", StringComparison.OrdinalIgnoreCase)).Value;
        if (signature is null || !signature.StartsWith("sha256 ", StringComparison.Ordinal)) return null;
        Span<byte> expected = stackalloc byte[32];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(connection.WebhookSecret), body, expected);
        byte[] given;
        try { given = Convert.FromHexString(signature[7..].Trim()); }
        catch (FormatException) { return null; }
        if (!CryptographicOperations.FixedTimeEquals(expected, given)) return null;

        JsonObject? root;
        try { root = JsonNode.Parse(body) as JsonObject; }
        catch (System.Text.Json.JsonException) { return null; }
        var action = root?["action"]?.ToString() ?? "";
        var payload = root?["payload"] as JsonObject;
        var application = payload?["application"] as JsonObject;
        var job = (application?["jobs"] as JsonArray)?.FirstOrDefault() as JsonObject;
        return new AtsWebhook(action, application?["id"] is { } a ? Id(a) : null, job?["id"] is { } j ? Id(j) : null,
            payload?["interview"]?["id"] is { } i ? Id(i) : null);
    }

    /// <summary>Signs a body as Greenhouse does (for the fake and tests).</summary>
    public static string Sign(string secret, byte[] body) => "sha256 " + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    private static string Id(JsonNode? node) => node?.ToString() ?? "";

    private static DateTimeOffset Time(JsonNode? node) =>
        DateTimeOffset.TryParse(node?.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : DateTimeOffset.MinValue;
}
