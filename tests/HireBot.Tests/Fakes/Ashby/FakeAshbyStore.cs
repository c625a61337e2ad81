using System.Globalization;
using System.Text.Json.Nodes;

namespace HireBot.Tests.Fakes.Ashby;

/// <summary>A field of a fake feedback form: Ashby's field types (Score, ValueSelect, RichText, LongText…).</summary>
public sealed record FakeAshbyField(string Path, string Type, string Title, bool IsRequired = false, params string[] Choices);

/// <summary>A seeded job: its id, its default interview plan and the plan's stage ids in order.</summary>
public sealed record FakeAshbyJob(string Id, string PlanId, IReadOnlyList<string> StageIds);

/// <summary>
/// The fake's records, shaped as Ashby's OpenAPI document shows them (application as in the
/// applicationSubmit webhook, interview schedules with their events, users, feedback forms), guarded
/// by one lock.
/// </summary>
public sealed class FakeAshbyStore
{
    private int _sequence;

    public object Gate { get; } = new();
    public List<JsonObject> Jobs { get; } = [];
    public Dictionary<string, List<JsonObject>> Stages { get; } = [];
    public List<JsonObject> Applications { get; } = [];
    public Dictionary<string, JsonObject> Candidates { get; } = [];
    public List<JsonObject> Schedules { get; } = [];
    public Dictionary<string, JsonObject> Interviews { get; } = [];
    public Dictionary<string, JsonObject> Users { get; } = [];
    public List<JsonObject> Forms { get; } = [];
    public List<JsonObject> Feedback { get; } = [];
    public List<JsonObject> Notes { get; } = [];

    /// <summary>When true, interview events list only <c>interviewerUserIds</c> (the deprecated shape), so emails need user.info.</summary>
    public bool LegacyInterviewerIds { get; set; }

    public string NextId(string kind) => $"{kind}-{Interlocked.Increment(ref _sequence):D4}-{Guid.NewGuid():N}"[..(kind.Length + 18)];

    public static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public string AddUser(string firstName, string lastName, string email)
    {
        lock (Gate)
        {
            var id = NextId("user");
            Users[id] = new JsonObject
            {
                ["id"] = id, ["firstName"] = firstName, ["lastName"] = lastName, ["email"] = email,
                ["globalRole"] = "Elevated Access", ["isEnabled"] = true, ["updatedAt"] = Stamp(DateTimeOffset.UnixEpoch),
            };
            return id;
        }
    }

    /// <summary>An open job with a default interview plan of the given stages (Ashby stage types: Lead, PreInterviewScreen, Active, Offer, Hired, Archived).</summary>
    public FakeAshbyJob AddJob(string title, params (string Title, string Type)[] stages)
    {
        lock (Gate)
        {
            var job = new FakeAshbyJob(NextId("job"), NextId("plan"), [.. stages.Select(_ => NextId("stage"))]);
            Stages[job.PlanId] = [.. stages.Select((s, i) => new JsonObject
            {
                ["id"] = job.StageIds[i], ["title"] = s.Title, ["type"] = s.Type,
                ["orderInInterviewPlan"] = 1000 + i, ["interviewPlanId"] = job.PlanId,
            })];
            Jobs.Add(new JsonObject
            {
                ["id"] = job.Id, ["title"] = title, ["confidential"] = false, ["status"] = "Open", ["employmentType"] = "FullTime",
                ["defaultInterviewPlanId"] = job.PlanId, ["interviewPlanIds"] = new JsonArray(job.PlanId),
                ["updatedAt"] = Stamp(DateTimeOffset.UnixEpoch),
            });
            return job;
        }
    }

    public void CloseJob(string jobId)
    {
        lock (Gate) Jobs.Single(j => (string?)j["id"] == jobId)["status"] = "Closed";
    }

    /// <summary>A candidate and their application at a stage; <paramref name="email"/> null leaves the application's candidate copy without one.</summary>
    public string AddApplication(string jobId, string stageId, string candidateName, string? email, DateTimeOffset createdAt, DateTimeOffset updatedAt, string status = "Active")
    {
        lock (Gate)
        {
            var candidateId = NextId("cand");
            var applicationId = NextId("app");
            var primary = new JsonObject { ["value"] = email ?? $"{candidateId}@candidates.test", ["type"] = "Personal", ["isPrimary"] = true };
            Candidates[candidateId] = new JsonObject
            {
                ["id"] = candidateId, ["name"] = candidateName, ["primaryEmailAddress"] = primary,
                ["emailAddresses"] = new JsonArray(primary.DeepClone()), ["phoneNumbers"] = new JsonArray(), ["socialLinks"] = new JsonArray(),
                ["tags"] = new JsonArray(), ["applicationIds"] = new JsonArray(applicationId), ["fileHandles"] = new JsonArray(),
                ["profileUrl"] = $"https://app.ashbyhq.com/candidates/{candidateId}",
            };
            var candidate = new JsonObject { ["id"] = candidateId, ["name"] = candidateName };
            if (email is not null)
            {
                candidate["primaryEmailAddress"] = primary.DeepClone();
            }

            var job = Jobs.Single(j => (string?)j["id"] == jobId);
            Applications.Add(new JsonObject
            {
                ["id"] = applicationId, ["createdAt"] = Stamp(createdAt), ["updatedAt"] = Stamp(updatedAt), ["status"] = status,
                ["customFields"] = new JsonArray(), ["candidate"] = candidate,
                ["currentInterviewStage"] = StageView(stageId),
                ["job"] = new JsonObject { ["id"] = jobId, ["title"] = job["title"]!.DeepClone() }, ["hiringTeam"] = new JsonArray(),
            });
            return applicationId;
        }
    }

    public void MoveApplication(string applicationId, string stageId, DateTimeOffset updatedAt)
    {
        lock (Gate)
        {
            var application = Application(applicationId)!;
            application["currentInterviewStage"] = StageView(stageId);
            application["updatedAt"] = Stamp(updatedAt);
        }
    }

    public string AddForm(string title, bool isDefault, params FakeAshbyField[] fields)
    {
        lock (Gate)
        {
            var id = NextId("form");
            var entries = fields.Select(f =>
            {
                var field = new JsonObject
                {
                    ["id"] = NextId("field"), ["type"] = f.Type, ["path"] = f.Path, ["title"] = f.Title,
                    ["humanReadablePath"] = f.Title, ["isNullable"] = !f.IsRequired,
                };
                if (f.Choices.Length > 0)
                {
                    field["selectableValues"] = new JsonArray(f.Choices.Select(c => (JsonNode)new JsonObject
                    {
                        ["label"] = c, ["value"] = c.ToLowerInvariant().Replace(' ', '_'),
                    }).ToArray());
                }

                return (JsonNode)new JsonObject { ["isRequired"] = f.IsRequired, ["field"] = field };
            }).ToArray();
            Forms.Add(new JsonObject
            {
                ["id"] = id, ["title"] = title, ["isArchived"] = false, ["isDefaultForm"] = isDefault, ["organizationId"] = "org-fake",
                ["formDefinition"] = new JsonObject { ["sections"] = new JsonArray(new JsonObject { ["title"] = title, ["fields"] = new JsonArray(entries) }) },
            });
            return id;
        }
    }

    public string AddInterview(string title, string formId)
    {
        lock (Gate)
        {
            var id = NextId("intv");
            Interviews[id] = new JsonObject
            {
                ["id"] = id, ["title"] = title, ["externalTitle"] = title, ["isArchived"] = false, ["isDebrief"] = false,
                ["isFeedbackRequired"] = true, ["isFeedbackRequested"] = true, ["feedbackFormDefinitionId"] = formId,
            };
            return id;
        }
    }

    public string AddSchedule(string applicationId, string status = "Scheduled")
    {
        lock (Gate)
        {
            var application = Application(applicationId)!;
            var id = NextId("sched");
            Schedules.Add(new JsonObject
            {
                ["id"] = id, ["status"] = status, ["applicationId"] = applicationId,
                ["interviewStageId"] = application["currentInterviewStage"]!["id"]!.DeepClone(),
                ["createdAt"] = Stamp(DateTimeOffset.UnixEpoch), ["updatedAt"] = Stamp(DateTimeOffset.UnixEpoch),
                ["interviewEvents"] = new JsonArray(),
            });
            return id;
        }
    }

    public string AddEvent(string scheduleId, string interviewId, DateTimeOffset start, DateTimeOffset end, params string[] interviewerUserIds)
    {
        lock (Gate)
        {
            var id = NextId("event");
            Schedules.Single(s => (string?)s["id"] == scheduleId)["interviewEvents"]!.AsArray().Add(new JsonObject
            {
                ["id"] = id, ["interviewId"] = interviewId, ["interviewScheduleId"] = scheduleId,
                ["interviewerUserIds"] = new JsonArray(interviewerUserIds.Select(u => (JsonNode)JsonValue.Create(u)!).ToArray()),
                ["createdAt"] = Stamp(start.AddDays(-3)), ["updatedAt"] = Stamp(start.AddDays(-3)),
                ["startTime"] = Stamp(start), ["endTime"] = Stamp(end),
                ["feedbackLink"] = $"https://app.ashbyhq.com/interview-briefings/{id}/feedback",
                ["location"] = null, ["meetingLink"] = null, ["hasSubmittedFeedback"] = false,
            });
            return id;
        }
    }

    private JsonObject StageView(string stageId) =>
        (JsonObject)Stages.Values.SelectMany(s => s).Single(s => (string?)s["id"] == stageId).DeepClone();

    public JsonObject User(string id) => Users[id];

    public JsonObject? Application(string? id) => Applications.FirstOrDefault(a => (string?)a["id"] == id);

    public JsonObject? Event(string? eventId) =>
        Schedules.SelectMany(s => s["interviewEvents"]!.AsArray()).OfType<JsonObject>().FirstOrDefault(e => (string?)e["id"] == eventId);

    /// <summary>An interview event as interviewSchedule.list returns it.</summary>
    public JsonObject EventView(JsonObject stored)
    {
        var view = (JsonObject)stored.DeepClone();
        var ids = stored["interviewerUserIds"]!.AsArray().Select(i => (string)i!).ToList();
        if (!LegacyInterviewerIds)
        {
            view["interviewers"] = new JsonArray(ids.Select(id =>
            {
                var user = (JsonObject)Users[id].DeepClone();
                user["trainingRole"] = null;
                user["interviewerPool"] = null;
                user["isFeedbackRequired"] = true;
                return (JsonNode)user;
            }).ToArray());
        }

        return view;
    }

    public JsonObject ScheduleView(JsonObject stored)
    {
        var view = (JsonObject)stored.DeepClone();
        view["interviewEvents"] = new JsonArray(stored["interviewEvents"]!.AsArray().OfType<JsonObject>().Select(e => (JsonNode)EventView(e)).ToArray());
        return view;
    }
}
