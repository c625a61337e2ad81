using System.Globalization;
using System.Text.Json.Nodes;
using HireBot.Outbox;

namespace HireBot.Nudges;

/// <summary>
/// The outbox rows nudges write. Keys name interview, panelist and reminder number
/// (<c>nudge:{interview}:{email}:{n}</c>), so however often a trigger fires the reminder is one row.
/// </summary>
public static class NudgeMessages
{
    public static string ReminderKey(Guid interviewId, string email, int number) => $"nudge:{interviewId}:{email}:{number}";

    /// <summary>Manual nudges are keyed by the minute: a double click sends once, a nudge an hour later sends again.</summary>
    public static string ManualKey(Guid interviewId, string email, DateTimeOffset now) =>
        $"manual-nudge:{interviewId}:{email}:{now.UtcDateTime.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture)}";

    /// <summary>One row per recipient: <c>escalation:{interview}:{email}:recruiter|manager:{recipient}</c>.</summary>
    public static string EscalationKey(Guid interviewId, string email, string level, string recipient) =>
        $"escalation:{interviewId}:{email}:{level}:{recipient.ToLowerInvariant()}";

    public static OutboxMessage Reminder(NudgeContext n, string key, int number, int of, string? replacesKey, double snoozeHours) =>
        new(key, Recipients.Person(n.Email), "nudge", new JsonObject
        {
            ["interviewId"] = n.InterviewId.ToString(),
            ["reminder"] = number,
            ["reminders"] = of,
            ["candidate"] = n.Candidate,
            ["round"] = n.Round,
            ["due"] = Local(n.Deadline, n.Zone),
            ["snoozeHours"] = snoozeHours,
        }, ReplacesKey: replacesKey, LoopId: n.LoopId);

    public static IEnumerable<OutboxMessage> Escalations(NudgeContext n, string level)
    {
        var to = level == NudgeEvent.Recruiter ? n.Recruiters : n.Managers;
        var who = level == NudgeEvent.Recruiter ? "recruiter" : "hiring manager";
        return to.Distinct(StringComparer.OrdinalIgnoreCase).Select(person => new OutboxMessage(
            EscalationKey(n.InterviewId, n.Email, level, person), Recipients.Person(person), "message", new JsonObject
            {
                ["title"] = "Scorecard overdue",
                ["text"] = $"{n.Panelist} has not submitted the scorecard for {n.Candidate} ({n.Round}). You are hearing about it as {who}.",
                ["facts"] = new JsonArray(
                    new JsonObject { ["title"] = "Panelist", ["value"] = n.Email },
                    new JsonObject { ["title"] = "Reminders planned", ["value"] = n.Reminders.Count.ToString(CultureInfo.InvariantCulture) }),
            }, LoopId: n.LoopId));
    }

    /// <summary>A time as the reader sees it: "Tue 11 Mar 15:00 (America/New_York)".</summary>
    public static string Local(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("ddd d MMM HH:mm", CultureInfo.InvariantCulture) + $" ({zone.Id})";
}
