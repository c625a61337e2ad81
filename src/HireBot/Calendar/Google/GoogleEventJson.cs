using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace HireBot.Calendar.Google;

/// <summary>
/// Builds and reads Calendar API <c>Event</c> resources
/// (https://developers.google.com/workspace/calendar/api/v3/reference/events).
/// </summary>
internal static class GoogleEventJson
{
    private const string Base32Hex = "0123456789abcdefghijklmnopqrstuv";

    /// <summary>
    /// The event id for a transaction: "hirebot" and 32 base32hex characters of its SHA-256. Google
    /// accepts client ids of 5 to 1024 characters from base32hex (a–v, 0–9), unique per calendar,
    /// and answers a second insert with the same id 409 <c>duplicate</c>
    /// (https://developers.google.com/workspace/calendar/api/v3/reference/events/insert, property id).
    /// </summary>
    public static string EventId(string transactionId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(transactionId));
        var id = new StringBuilder("hirebot", 39);
        for (var bit = 0; bit < 160; bit += 5)
        {
            var value = 0;
            for (var i = 0; i < 5; i++) value = (value << 1) | ((hash[(bit + i) / 8] >> (7 - (bit + i) % 8)) & 1);
            id.Append(Base32Hex[value]);
        }
        return id.ToString();
    }

    /// <summary>
    /// A new event with its attendees and, for an online interview, a Google Meet created through
    /// <c>conferenceData.createRequest</c> (needs <c>conferenceDataVersion=1</c>,
    /// https://developers.google.com/workspace/calendar/api/guides/create-events#conferencing).
    /// The request id is the event id, so a retried insert asks for the same conference.
    /// </summary>
    public static JsonObject NewEvent(InterviewEvent interview, string eventId)
    {
        var body = new JsonObject
        {
            ["id"] = eventId,
            ["summary"] = interview.Subject,
            ["description"] = interview.BodyHtml,
            ["start"] = Time(interview.StartUtc),
            ["end"] = Time(interview.EndUtc),
            ["attendees"] = Attendees(interview.Attendees, null),
            ["guestsCanModify"] = false,
            ["guestsCanInviteOthers"] = false,
        };
        if (interview.IsOnlineMeeting)
            body["conferenceData"] = new JsonObject
            {
                ["createRequest"] = new JsonObject
                {
                    ["requestId"] = eventId,
                    ["conferenceSolutionKey"] = new JsonObject { ["type"] = "hangoutsMeet" },
                },
            };
        return body;
    }

    /// <summary>
    /// The changed members only. A patch replaces the attendee array whole, so attendees who stay
    /// keep the responseStatus the event already had for them
    /// (https://developers.google.com/workspace/calendar/api/v3/reference/events/patch).
    /// </summary>
    public static JsonObject Patch(EventChange change, JsonNode current)
    {
        var patch = new JsonObject();
        if (change.StartUtc is { } start) patch["start"] = Time(start);
        if (change.EndUtc is { } end) patch["end"] = Time(end);
        if (change.Attendees is { } attendees) patch["attendees"] = Attendees(attendees, current["attendees"]?.AsArray());
        return patch;
    }

    /// <summary>The Meet link: <c>hangoutLink</c>, else the video entry point of the conference.</summary>
    public static string? JoinUrl(JsonNode? googleEvent) =>
        googleEvent?["hangoutLink"]?.GetValue<string>()
        ?? googleEvent?["conferenceData"]?["entryPoints"]?.AsArray()
            .FirstOrDefault(e => e?["entryPointType"]?.GetValue<string>() == "video")?["uri"]?.GetValue<string>();

    public static bool IsCancelled(JsonNode googleEvent) => googleEvent["status"]?.GetValue<string>() == "cancelled";

    /// <summary>Each attendee's <c>responseStatus</c> keyed by email.</summary>
    public static IReadOnlyDictionary<string, AttendeeResponse> Responses(JsonNode googleEvent)
    {
        var responses = new Dictionary<string, AttendeeResponse>(StringComparer.OrdinalIgnoreCase);
        foreach (var attendee in googleEvent["attendees"]?.AsArray() ?? [])
            if (attendee?["email"]?.GetValue<string>() is { Length: > 0 } email)
                responses[email] = attendee["responseStatus"]?.GetValue<string>() switch
                {
                    "accepted" => AttendeeResponse.Accepted,
                    "tentative" => AttendeeResponse.Tentative,
                    "declined" => AttendeeResponse.Declined,
                    _ => AttendeeResponse.None, // needsAction
                };
        return responses;
    }

    private static JsonObject Time(DateTimeOffset instant) => new() { ["dateTime"] = GoogleApi.Time(instant), ["timeZone"] = "UTC" };

    private static JsonArray Attendees(IEnumerable<EventAttendee> attendees, JsonArray? current) => new([.. attendees.Select(a =>
    {
        var attendee = new JsonObject { ["email"] = a.Email };
        if (a.Name is not null) attendee["displayName"] = a.Name;
        if (a.IsOptional) attendee["optional"] = true;
        var before = current?.FirstOrDefault(c => string.Equals(c?["email"]?.GetValue<string>(), a.Email, StringComparison.OrdinalIgnoreCase));
        if (before?["responseStatus"]?.GetValue<string>() is { } status) attendee["responseStatus"] = status;
        return (JsonNode)attendee;
    })]);
}
