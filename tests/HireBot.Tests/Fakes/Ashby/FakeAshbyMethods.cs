using System.Globalization;
using System.Text.Json.Nodes;

namespace HireBot.Tests.Fakes.Ashby;

/// <summary>
/// The RPC methods of <see cref="FakeAshby"/>, answered from its store under its lock, with the
/// payloads of Ashby's API reference (developers.ashbyhq.com/reference/…). Refusals are HTTP 200 with
/// <c>success: false</c> and <c>errorInfo</c>, as Ashby answers them.
/// </summary>
internal static class FakeAshbyMethods
{
    public static JsonObject? Answer(FakeAshby fake, string method, JsonObject request)
    {
        var store = fake.Store;
        return method switch
        {
            "job.list" => Page(fake, request, store.Jobs.Where(j => Statuses(request).Contains((string)j["status"]!))),
            "interviewStage.list" => store.Stages.TryGetValue(Text(request, "interviewPlanId"), out var stages)
                ? Ok(new JsonArray([.. stages.Select(s => s.DeepClone())]), moreDataAvailable: false)
                : FakeAshby.Refusal("interview_plan_not_found", "Interview plan not found"),
            "application.list" => Page(fake, request, store.Applications.Where(a => CreatedAfter(request, a))),
            "application.info" => store.Application(Text(request, "applicationId")) is { } application
                ? Ok(application.DeepClone())
                : FakeAshby.Refusal("application_not_found", "Application not found - are you lacking permissions to edit candidates?"),
            "candidate.info" => store.Candidates.TryGetValue(Text(request, "id"), out var candidate)
                ? Ok(candidate.DeepClone())
                : FakeAshby.Refusal("candidate_not_found", "Candidate not found"),
            "interviewSchedule.list" => Page(fake, request, store.Schedules
                .Where(s => !request.ContainsKey("applicationId") || (string?)s["applicationId"] == Text(request, "applicationId"))
                .Select(store.ScheduleView)),
            "interview.info" => store.Interviews.TryGetValue(Text(request, "id"), out var interview)
                ? Ok(interview.DeepClone())
                : FakeAshby.Refusal("interview_not_found", "Interview not found"),
            "user.info" => store.Users.TryGetValue(Text(request, "userId"), out var user)
                ? Ok(user.DeepClone())
                : FakeAshby.Refusal("user_not_found", "User not found"),
            "user.search" => Ok(new JsonArray([.. store.Users.Values
                .Where(u => string.Equals((string?)u["email"], Text(request, "email"), StringComparison.OrdinalIgnoreCase))
                .Select(u => u.DeepClone())])),
            "feedbackFormDefinition.list" => Page(fake, request, store.Forms),
            "feedbackFormDefinition.info" => store.Forms.FirstOrDefault(f => (string?)f["id"] == Text(request, "feedbackFormDefinitionId")) is { } form
                ? Ok(form.DeepClone())
                : FakeAshby.Refusal("feedback_form_definition_not_found", "Feedback form not found"),
            "applicationFeedback.list" => Page(fake, request, store.Feedback.Where(f => (string?)f["applicationId"] == Text(request, "applicationId"))),
            "applicationFeedback.submit" => FakeAshbyFeedback.Submit(store, request),
            "candidate.listNotes" => Page(fake, request, store.Notes.Where(n => (string?)n["candidateId"] == Text(request, "candidateId"))
                .Select(n => { var view = (JsonObject)n.DeepClone(); view.Remove("candidateId"); return view; })),
            "candidate.createNote" => CreateNote(store, request),
            _ => null,
        };
    }

    public static JsonObject Ok(JsonNode results, bool? moreDataAvailable = null)
    {
        var answer = new JsonObject { ["success"] = true, ["results"] = results };
        if (moreDataAvailable is { } more)
        {
            answer["moreDataAvailable"] = more;
        }

        return answer;
    }

    public static string Text(JsonObject request, string name) => request[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : "";

    /// <summary>Cursor pagination: <c>nextCursor</c> while <c>moreDataAvailable</c>, a <c>syncToken</c> on the last page.</summary>
    private static JsonObject Page(FakeAshby fake, JsonObject request, IEnumerable<JsonObject> all)
    {
        var items = all.ToList();
        var size = Math.Min(fake.PageSize, request["limit"]?.GetValue<int>() is int limit and > 0 ? limit : int.MaxValue);
        var start = 0;
        if (request["cursor"] is JsonValue cursor)
        {
            var text = cursor.GetValue<string>();
            if (!text.StartsWith('c') || !int.TryParse(text[1..], CultureInfo.InvariantCulture, out start) || start > items.Count)
            {
                return FakeAshby.Refusal("invalid_next_cursor", "The cursor could not be decoded; start again without one");
            }
        }

        var page = items.Skip(start).Take(size).Select(i => i.DeepClone()).ToArray();
        var next = start + page.Length;
        var answer = Ok(new JsonArray(page), moreDataAvailable: next < items.Count);
        if (next < items.Count)
        {
            answer["nextCursor"] = $"c{next}";
        }
        else
        {
            answer["syncToken"] = $"sync-{items.Count}";
        }

        return answer;
    }

    private static HashSet<string> Statuses(JsonObject request) =>
        request["status"] is JsonArray statuses ? [.. statuses.Select(s => (string)s!)] : ["Open", "Closed", "Archived"];

    private static bool CreatedAfter(JsonObject request, JsonObject application) =>
        request["createdAfter"]?.GetValue<long>() is not long after
        || DateTimeOffset.Parse((string)application["createdAt"]!, CultureInfo.InvariantCulture).ToUnixTimeMilliseconds() > after;

    private static JsonObject CreateNote(FakeAshbyStore store, JsonObject request)
    {
        var candidateId = Text(request, "candidateId");
        if (!store.Candidates.ContainsKey(candidateId))
        {
            return FakeAshby.Refusal("candidate_not_found", "Candidate not found");
        }

        var content = request["note"] switch
        {
            JsonValue text when text.TryGetValue<string>(out var plain) => plain,
            JsonObject { } note when (string?)note["type"] is "text/plain" or "text/html" => (string?)note["value"],
            _ => null,
        };
        if (string.IsNullOrEmpty(content))
        {
            return FakeAshby.Refusal("invalid_input", "note must be a string or { type, value }");
        }

        var stored = new JsonObject
        {
            ["id"] = store.NextId("note"), ["candidateId"] = candidateId, ["createdAt"] = FakeAshbyStore.Stamp(DateTimeOffset.UnixEpoch),
            ["isPrivate"] = request["isPrivate"]?.GetValue<bool>() ?? false, ["content"] = content,
            ["author"] = new JsonObject { ["id"] = "user-api-key", ["firstName"] = "API", ["lastName"] = "Key" },
        };
        store.Notes.Add(stored);
        var answer = (JsonObject)stored.DeepClone();
        answer.Remove("candidateId");
        return Ok(answer);
    }
}
