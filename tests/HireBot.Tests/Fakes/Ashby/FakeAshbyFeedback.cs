using System.Text.Json.Nodes;

namespace HireBot.Tests.Fakes.Ashby;

/// <summary>
/// <c>applicationFeedback.submit</c> as documented: <c>{ feedbackForm: { fieldSubmissions: [{ path, value }] },
/// formDefinitionId, applicationId, userId?, interviewEventId? }</c>; with an interview event the user
/// must be one of its interviewers. Values are checked against the field's type (Score: <c>{ score: 1..4 }</c>
/// with optional PlainText comments; ValueSelect: one of its values; RichText: <c>{ type: "PlainText", value }</c>).
/// </summary>
internal static class FakeAshbyFeedback
{
    public static JsonObject Submit(FakeAshbyStore store, JsonObject request)
    {
        var form = store.Forms.FirstOrDefault(f => (string?)f["id"] == FakeAshbyMethods.Text(request, "formDefinitionId"));
        var application = store.Application(FakeAshbyMethods.Text(request, "applicationId"));
        if (form is null || application is null)
        {
            return FakeAshby.Refusal(form is null ? "feedback_form_definition_not_found" : "application_not_found", "Not found");
        }

        var userId = request.ContainsKey("userId") ? FakeAshbyMethods.Text(request, "userId") : null;
        var eventId = request.ContainsKey("interviewEventId") ? FakeAshbyMethods.Text(request, "interviewEventId") : null;
        if (userId is not null && !store.Users.ContainsKey(userId))
        {
            return FakeAshby.Refusal("user_not_found", "User not found");
        }

        if (eventId is not null)
        {
            var interviewEvent = store.Event(eventId);
            if (interviewEvent is null || userId is null
                || !interviewEvent["interviewerUserIds"]!.AsArray().Any(u => (string?)u == userId))
            {
                return FakeAshby.Refusal("invalid_input", "The user must be an interviewer on the interview event");
            }
        }

        var fields = form["formDefinition"]!["sections"]!.AsArray()
            .SelectMany(s => s!["fields"]!.AsArray()).OfType<JsonObject>().ToList();
        var values = new JsonObject();
        foreach (var submission in request["feedbackForm"]?["fieldSubmissions"] as JsonArray ?? [])
        {
            var path = (string?)submission?["path"];
            var entry = fields.FirstOrDefault(f => (string?)f["field"]!["path"] == path);
            if (entry is null || submission!["value"] is not JsonNode value || !Fits((JsonObject)entry["field"]!, value))
            {
                return FakeAshby.Refusal("invalid_input", $"Invalid value for field {path}");
            }

            values[path!] = value.DeepClone();
        }

        var missing = fields.FirstOrDefault(f => f["isRequired"]!.GetValue<bool>() && !values.ContainsKey((string)f["field"]!["path"]!));
        if (missing is not null)
        {
            return FakeAshby.Refusal("invalid_input", $"Missing required field {missing["field"]!["path"]}");
        }

        var id = store.NextId("feedback");
        var submittedBy = userId is null
            ? new JsonObject { ["id"] = "user-api-key", ["firstName"] = "API", ["lastName"] = "Key", ["email"] = "api@company.test" }
            : (JsonObject)store.User(userId).DeepClone();
        store.Feedback.Add(new JsonObject
        {
            ["id"] = id, ["applicationId"] = application["id"]!.DeepClone(), ["feedbackFormDefinitionId"] = form["id"]!.DeepClone(),
            ["interviewEventId"] = eventId, ["interviewId"] = (string?)store.Event(eventId)?["interviewId"],
            ["submittedAt"] = FakeAshbyStore.Stamp(DateTimeOffset.UnixEpoch), ["submittedByUser"] = submittedBy,
            ["formDefinition"] = form["formDefinition"]!.DeepClone(), ["submittedValues"] = values.DeepClone(),
        });
        return FakeAshbyMethods.Ok(new JsonObject
        {
            ["submittedFormInstance"] = new JsonObject
            {
                ["id"] = id, ["formDefinition"] = form["formDefinition"]!.DeepClone(), ["submittedValues"] = values,
            },
        });
    }

    private static bool Fits(JsonObject field, JsonNode value) => (string?)field["type"] switch
    {
        "Score" => value is JsonObject score && score["score"] is JsonValue points && points.TryGetValue<int>(out var n) && n is >= 1 and <= 4
            && (score["comments"] is null || IsPlainText(score["comments"]!)),
        "ValueSelect" => value is JsonValue choice && choice.TryGetValue<string>(out var text)
            && (field["selectableValues"] as JsonArray ?? []).Any(v => (string?)v!["value"] == text),
        "RichText" => IsPlainText(value),
        "LongText" or "String" => value is JsonValue plain && plain.TryGetValue<string>(out _),
        "Boolean" => value is JsonValue flag && flag.TryGetValue<bool>(out _),
        _ => true,
    };

    private static bool IsPlainText(JsonNode value) =>
        value is JsonObject text && (string?)text["type"] == "PlainText" && text["value"] is JsonValue inner && inner.TryGetValue<string>(out _);
}
