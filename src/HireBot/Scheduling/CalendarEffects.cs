using System.Text.Json.Nodes;
using HireBot.Outbox;

namespace HireBot.Scheduling;

/// <summary>
/// Calendar changes as outbox rows, written in the transaction of the state change that calls for
/// them (a booking, a cancellation, an accepted replacement) and carried out by
/// <see cref="CalendarChannelClient"/>: retried while the calendar does not answer, reported to the
/// loop's recruiters when it refuses. Creating is idempotent on the event's TransactionId
/// (<see cref="InterviewInvites.TransactionId"/>), so a retry never invites twice.
/// </summary>
public static class CalendarEffects
{
    /// <summary>The channel name of calendar rows (<c>conversation:calendar:{verb}/{interview}</c>).</summary>
    public const string Channel = "calendar";

    public const string CreateKind = "calendar.create";
    public const string UpdateKind = "calendar.update";
    public const string CancelKind = "calendar.cancel";

    /// <summary>
    /// Invites the interview's panel and candidate; <paramref name="attempt"/> names a repeated pick's
    /// new try. <paramref name="notify"/> (who booked) is told once every interview of the loop has its invitation.
    /// </summary>
    public static OutboxMessage Create(Guid interviewId, Guid loopId, string round, string? notify, string? attempt = null) =>
        new($"calendar-create:{interviewId}{(attempt is null ? "" : ":" + attempt)}", Recipient("create", interviewId), CreateKind,
            new JsonObject { ["interviewId"] = interviewId.ToString(), ["round"] = round, ["notify"] = notify }, LoopId: loopId);

    /// <summary>Sends the interview's current panel as the event's attendees (after a replacement).</summary>
    public static OutboxMessage UpdateAttendees(Guid interviewId, Guid loopId, Guid proposalId, string round) =>
        new($"calendar-update:{interviewId}:{proposalId}", Recipient("update", interviewId), UpdateKind,
            new JsonObject { ["interviewId"] = interviewId.ToString(), ["round"] = round }, LoopId: loopId);

    /// <summary>Cancels the event with a comment to its attendees.</summary>
    public static OutboxMessage Cancel(CancelledInterview cancelled, Guid loopId, string comment) =>
        new($"calendar-cancel:{cancelled.InterviewId}", Recipient("cancel", cancelled.InterviewId), CancelKind,
            new JsonObject { ["interviewId"] = cancelled.InterviewId.ToString(), ["eventId"] = cancelled.CalendarEventId, ["comment"] = comment }, LoopId: loopId);

    /// <summary>The cancellations of the interviews that have an event (one still being created cancels itself: see the client).</summary>
    public static IReadOnlyList<OutboxMessage> Cancel(IEnumerable<CancelledInterview> cancelled, Guid loopId, string comment) =>
        [.. cancelled.Where(c => c.CalendarEventId is not null).Select(c => Cancel(c, loopId, comment))];

    private static string Recipient(string verb, Guid interviewId) => Recipients.Conversation(Channel, $"{verb}/{interviewId}");
}
