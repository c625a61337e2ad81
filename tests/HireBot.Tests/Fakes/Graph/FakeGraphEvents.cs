using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace HireBot.Tests.Fakes.Graph;

/// <summary>
/// Events in organizer mailboxes: create with transactionId dedupe, patch, cancel, get
/// (https://learn.microsoft.com/graph/api/user-post-events, event-update, event-cancel).
/// </summary>
internal sealed class FakeGraphEvents
{
    private readonly ConcurrentDictionary<string, JsonObject> _events = new();
    private readonly ConcurrentDictionary<string, string> _byTransaction = new();
    private readonly object _gate = new();
    private int _next;

    public int Count => _events.Count;

    public JsonObject? Find(string eventId) => _events.GetValueOrDefault(eventId);

    public IResult Create(string user, JsonObject body)
    {
        lock (_gate)
        {
            // Graph drops a POST whose transactionId it has seen and answers with the first event.
            var transactionId = body["transactionId"]?.GetValue<string>();
            if (transactionId is not null && _byTransaction.TryGetValue($"{user}/{transactionId}", out var existing))
            {
                return Results.Json(_events[existing], statusCode: 201);
            }

            var id = $"AAMkAG-{Interlocked.Increment(ref _next)}=";
            var stored = (JsonObject)body.DeepClone();
            stored["id"] = id;
            stored["isCancelled"] = false;
            foreach (var attendee in stored["attendees"]?.AsArray() ?? [])
            {
                attendee!["status"] = new JsonObject { ["response"] = "none", ["time"] = "0001-01-01T00:00:00Z" };
            }

            if (stored["isOnlineMeeting"]?.GetValue<bool>() == true)
            {
                stored["onlineMeeting"] = new JsonObject
                {
                    ["joinUrl"] = $"https://teams.microsoft.com/l/meetup-join/19%3ameeting_{id.TrimEnd('=')}%40thread.v2/0",
                };
            }

            _events[id] = stored;
            if (transactionId is not null)
            {
                _byTransaction[$"{user}/{transactionId}"] = id;
            }

            return Results.Json(stored, statusCode: 201);
        }
    }

    public IResult Patch(string eventId, JsonObject body)
    {
        if (!_events.TryGetValue(eventId, out var stored))
        {
            return NotFound();
        }

        lock (_gate)
        {
            foreach (var (name, value) in body)
            {
                stored[name] = value?.DeepClone();
            }
        }

        return Results.Json(stored);
    }

    public IResult Cancel(string eventId, JsonNode? body)
    {
        if (!_events.TryGetValue(eventId, out var stored))
        {
            return NotFound();
        }

        stored["isCancelled"] = true;
        stored["cancelComment"] = body?["comment"]?.GetValue<string>();
        return Results.StatusCode(202);
    }

    public IResult Get(string eventId) =>
        _events.TryGetValue(eventId, out var stored) ? Results.Json(stored) : NotFound();

    public void Respond(string eventId, string email, string response)
    {
        var attendee = _events[eventId]["attendees"]!.AsArray()
            .First(a => string.Equals(a!["emailAddress"]!["address"]!.GetValue<string>(), email, StringComparison.OrdinalIgnoreCase));
        attendee!["status"] = new JsonObject { ["response"] = response, ["time"] = "2026-03-02T10:00:00Z" };
    }

    private static IResult NotFound() =>
        FakeGraph.Error(404, "ErrorItemNotFound", "The specified object was not found in the store.");
}
