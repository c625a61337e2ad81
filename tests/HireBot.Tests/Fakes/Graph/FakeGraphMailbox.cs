using System.Text.Json.Nodes;

namespace HireBot.Tests.Fakes.Graph;

/// <summary>A mailbox's calendar as the fake knows it: busy items and working hours.</summary>
public sealed class FakeGraphMailbox
{
    public List<(DateTimeOffset Start, DateTimeOffset End, string Status)> Items { get; } = [];

    public JsonObject? WorkingHours { get; set; }

    public FakeGraphMailbox Busy(DateTimeOffset start, DateTimeOffset end, string status = "busy")
    {
        Items.Add((start, end, status));
        return this;
    }

    public FakeGraphMailbox Works(string startTime, string endTime, string timeZone, params string[] days)
    {
        WorkingHours = new JsonObject
        {
            ["daysOfWeek"] = new JsonArray(days.Select(d => (JsonNode)JsonValue.Create(d)!).ToArray()),
            ["startTime"] = startTime,
            ["endTime"] = endTime,
            ["timeZone"] = new JsonObject { ["name"] = timeZone },
        };
        return this;
    }
}
