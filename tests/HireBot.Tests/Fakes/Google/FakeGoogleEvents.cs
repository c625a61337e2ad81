using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace HireBot.Tests.Fakes.Google;

/// <summary>
/// The organiser's primary calendar: events.insert (client ids, 409 duplicate, Meet through
/// conferenceData.createRequest), get, patch, delete (410 deleted once gone) and list with sync
/// tokens (410 fullSyncRequired once expired), as documented at
/// https://developers.google.com/workspace/calendar/api/v3/reference/events and
/// https://developers.google.com/workspace/calendar/api/guides/sync.
/// </summary>
internal sealed partial class FakeGoogleEvents
{
    private readonly Dictionary<string, (JsonObject Event, long Version)> _events = [];
    private readonly object _gate = new();
    private long _version;
    private long _oldestValidSync;
    private int _meetings;

    public int Count { get { lock (_gate) return _events.Count; } }

    public int LiveCount { get { lock (_gate) return _events.Values.Count(e => e.Event["status"]!.GetValue<string>() != "cancelled"); } }

    public JsonObject? Find(string id) { lock (_gate) return _events.GetValueOrDefault(id).Event; }

    /// <summary>Every sync token handed out so far becomes invalid (410 fullSyncRequired).</summary>
    public void ExpireSyncTokens() { lock (_gate) _oldestValidSync = _version + 1; }

    public IResult Insert(string organizer, JsonObject body, bool conferenceDataVersion1)
    {
        lock (_gate)
        {
            var id = body["id"]?.GetValue<string>() ?? $"fake{Guid.NewGuid():N}"[..26];
            if (!Base32Hex().IsMatch(id)) return FakeGoogleCalendar.Error(400, "global", "invalid", "Invalid resource id value.");
            if (_events.ContainsKey(id)) return FakeGoogleCalendar.Error(409, "global", "duplicate", "The requested identifier already exists.");
            var stored = (JsonObject)body.DeepClone();
            stored["kind"] = "calendar#event";
            stored["id"] = id;
            stored["status"] = "confirmed";
            stored["organizer"] = new JsonObject { ["email"] = organizer, ["self"] = true };
            stored["htmlLink"] = $"https://www.google.com/calendar/event?eid={id}";
            foreach (var attendee in stored["attendees"]?.AsArray() ?? []) attendee!["responseStatus"] ??= "needsAction";
            if (conferenceDataVersion1 && stored["conferenceData"]?["createRequest"] is JsonObject create)
            {
                var code = $"hbt-{Interlocked.Increment(ref _meetings):0000}-meet";
                stored["hangoutLink"] = $"https://meet.google.com/{code}";
                create["status"] = new JsonObject { ["statusCode"] = "success" };
                stored["conferenceData"] = new JsonObject
                {
                    ["createRequest"] = create.DeepClone(),
                    ["entryPoints"] = new JsonArray(new JsonObject { ["entryPointType"] = "video", ["uri"] = $"https://meet.google.com/{code}", ["label"] = $"meet.google.com/{code}" }),
                    ["conferenceSolution"] = new JsonObject { ["key"] = new JsonObject { ["type"] = "hangoutsMeet" }, ["name"] = "Google Meet" },
                    ["conferenceId"] = code,
                };
            }
            else stored.Remove("conferenceData");
            Save(id, stored);
            return Results.Json(stored);
        }
    }

    public IResult Get(string id)
    {
        lock (_gate) return _events.TryGetValue(id, out var e) ? Results.Json(e.Event) : NotFound();
    }

    public IResult Patch(string id, JsonObject body)
    {
        lock (_gate)
        {
            if (!_events.TryGetValue(id, out var e)) return NotFound();
            if (e.Event["status"]!.GetValue<string>() == "cancelled") return Deleted();
            foreach (var (name, value) in body) e.Event[name] = value?.DeepClone();
            foreach (var attendee in e.Event["attendees"]?.AsArray() ?? []) attendee!["responseStatus"] ??= "needsAction";
            Save(id, e.Event);
            return Results.Json(e.Event);
        }
    }

    public IResult Delete(string id)
    {
        lock (_gate)
        {
            if (!_events.TryGetValue(id, out var e)) return NotFound();
            if (e.Event["status"]!.GetValue<string>() == "cancelled") return Deleted();
            e.Event["status"] = "cancelled";
            Save(id, e.Event);
            return Results.NoContent();
        }
    }

    /// <summary>An attendee answers, as they would in Gmail or Calendar.</summary>
    public void Respond(string id, string email, string responseStatus)
    {
        lock (_gate)
        {
            var e = _events[id].Event;
            e["attendees"]!.AsArray().First(a => string.Equals(a!["email"]!.GetValue<string>(), email, StringComparison.OrdinalIgnoreCase))!["responseStatus"] = responseStatus;
            Save(id, e);
        }
    }

    /// <summary>
    /// events.list: a full list (timeMin, showDeleted) or the changes since a sync token; pages of
    /// maxResults with nextPageToken, the last one with nextSyncToken. syncToken cannot be combined
    /// with timeMin or updatedMin (400).
    /// </summary>
    public IResult List(IQueryCollection query)
    {
        lock (_gate)
        {
            var max = int.TryParse(query["maxResults"], out var m) ? Math.Clamp(m, 1, 2500) : 250;
            var offset = int.TryParse(query["pageToken"], out var o) ? o : 0;
            IEnumerable<KeyValuePair<string, (JsonObject Event, long Version)>> items;
            long since = 0;
            if (query["syncToken"].ToString() is { Length: > 0 } token)
            {
                if (query.ContainsKey("timeMin") || query.ContainsKey("updatedMin"))
                    return FakeGoogleCalendar.Error(400, "global", "invalid", "Sync token cannot be used with timeMin or updatedMin.");
                since = long.Parse(token["sync-".Length..], CultureInfo.InvariantCulture);
                if (since < _oldestValidSync)
                    return FakeGoogleCalendar.Error(410, "global", "fullSyncRequired", "Sync token is no longer valid, a full sync is required.");
                items = _events.Where(e => e.Value.Version > since);
            }
            else
            {
                var timeMin = query["timeMin"].ToString() is { Length: > 0 } t ? DateTimeOffset.Parse(t, CultureInfo.InvariantCulture) : DateTimeOffset.MinValue;
                var showDeleted = query["showDeleted"] == "true";
                items = _events.Where(e => (showDeleted || e.Value.Event["status"]!.GetValue<string>() != "cancelled")
                    && DateTimeOffset.Parse(e.Value.Event["end"]!["dateTime"]!.GetValue<string>(), CultureInfo.InvariantCulture) > timeMin);
            }
            var all = items.OrderBy(e => e.Value.Version).Select(e => e.Value.Event).ToList();
            var page = all.Skip(offset).Take(max).Select(e => (JsonNode)e.DeepClone()).ToArray();
            var answer = new JsonObject { ["kind"] = "calendar#events", ["items"] = new JsonArray(page) };
            if (offset + max < all.Count) answer["nextPageToken"] = (offset + max).ToString(CultureInfo.InvariantCulture);
            else answer["nextSyncToken"] = $"sync-{_version}";
            return Results.Json(answer);
        }
    }

    private void Save(string id, JsonObject e)
    {
        _version++;
        e["updated"] = HireBot.Tests.Support.TestClock.Now.ToString("O");
        e["etag"] = $"\"{_version}\"";
        _events[id] = (e, _version);
    }

    private static IResult NotFound() => FakeGoogleCalendar.Error(404, "global", "notFound", "Not Found");

    private static IResult Deleted() => FakeGoogleCalendar.Error(410, "global", "deleted", "Resource has been deleted");

    [GeneratedRegex("^[a-v0-9]{5,1024}$")]
    private static partial Regex Base32Hex();
}
