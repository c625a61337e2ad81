using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace HireBot.Tests.Fakes.Graph;

/// <summary>
/// getSchedule as documented (https://learn.microsoft.com/graph/api/calendar-getschedule),
/// including its limits: at most 20 schedules and a window shorter than 62 days.
/// </summary>
internal static class FakeGraphSchedule
{
    public static IResult Answer(JsonNode request, Func<string, FakeGraphMailbox?> mailbox)
    {
        var schedules = request["schedules"]!.AsArray().Select(s => s!.GetValue<string>()).ToList();
        var start = ReadUtc(request["startTime"]!);
        var end = ReadUtc(request["endTime"]!);
        var interval = request["availabilityViewInterval"]?.GetValue<int>() ?? 30;
        if (schedules.Count is 0 or > 20)
        {
            return FakeGraph.Error(400, "ErrorInvalidRequest", "schedules must hold 1 to 20 entries.");
        }

        if (start is null || end is null || end <= start || end - start >= TimeSpan.FromDays(62))
        {
            return FakeGraph.Error(400, "ErrorInvalidTimeInterval", "The window must be UTC and under 62 days.");
        }

        if (interval is < 5 or > 1440)
        {
            return FakeGraph.Error(400, "ErrorInvalidRequest", "availabilityViewInterval out of range.");
        }

        var value = new JsonArray();
        foreach (var id in schedules)
        {
            value.Add(mailbox(id) is { } box
                ? Information(id, box, start.Value, end.Value, interval)
                : new JsonObject
                {
                    ["scheduleId"] = id,
                    ["availabilityView"] = "",
                    ["error"] = new JsonObject
                    {
                        ["message"] = "The mailbox was not found.",
                        ["responseCode"] = "ErrorMailboxNotFound",
                    },
                });
        }

        return Results.Json(new JsonObject { ["value"] = value });
    }

    public static JsonObject Time(DateTimeOffset instant) => new()
    {
        ["dateTime"] = instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture),
        ["timeZone"] = "UTC",
    };

    public static DateTimeOffset? ReadUtc(JsonNode time)
    {
        if (time["timeZone"]?.GetValue<string>() != "UTC")
        {
            return null;
        }

        var parsed = DateTime.Parse(
            time["dateTime"]!.GetValue<string>(),
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
        return new DateTimeOffset(parsed);
    }

    private static JsonObject Information(
        string id, FakeGraphMailbox box, DateTimeOffset start, DateTimeOffset end, int interval)
    {
        var items = box.Items.Where(i => i.Start < end && i.End > start).ToList();
        var view = new System.Text.StringBuilder();
        for (var slot = start; slot < end; slot = slot.AddMinutes(interval))
        {
            var slotEnd = slot.AddMinutes(interval);
            var statuses = items.Where(i => i.Start < slotEnd && i.End > slot).Select(i => i.Status).ToList();
            view.Append(statuses.Contains("oof") ? '3' : statuses.Contains("busy") ? '2'
                : statuses.Contains("tentative") ? '1' : statuses.Contains("workingElsewhere") ? '4' : '0');
        }

        var information = new JsonObject
        {
            ["scheduleId"] = id,
            ["availabilityView"] = view.ToString(),
            ["scheduleItems"] = new JsonArray(items.Select(i => (JsonNode)new JsonObject
            {
                ["isPrivate"] = false,
                ["status"] = i.Status,
                ["start"] = Time(i.Start),
                ["end"] = Time(i.End),
            }).ToArray()),
        };
        if (box.WorkingHours is { } hours)
        {
            information["workingHours"] = hours.DeepClone();
        }

        return information;
    }
}
