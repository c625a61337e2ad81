using System.Text.Json.Nodes;
using HireBot.Core.Loops;
using HireBot.Outbox;

namespace HireBot.Scheduling;

/// <summary>
/// Calendar changes (<see cref="LoopEffect.CalendarCreate"/>, <see cref="LoopEffect.CalendarUpdate"/>,
/// <see cref="LoopEffect.CalendarCancel"/>) as outbox rows, written in the transaction of the state
/// change that calls for them and carried out by <see cref="CalendarChannelClient"/>: retried while
/// the calendar does not answer, reported to the loop's recruiters when it refuses. Creating is
/// idempotent on the event's TransactionId (<see cref="LoopEffect.TransactionId"/>), so a retry never invites twice.
/// </summary>
public static class CalendarEffects
{
    /// <summary>The channel name of calendar rows (<c>conversation:calendar:{verb}/{interview}</c>).</summary>
    public const string Channel = "calendar";

    public const string CreateKind = "calendar.create";
    public const string UpdateKind = "calendar.update";
    public const string CancelKind = "calendar.cancel";

    /// <summary>The outbox rows of the calendar effects among <paramref name="effects"/>, in order.</summary>
    public static IEnumerable<OutboxMessage> Rows(IEnumerable<LoopEffect> effects, Guid loopId) => effects.Select(e => e switch
    {
        LoopEffect.CalendarCreate c => Create(c, loopId),
        LoopEffect.CalendarUpdate u => Update(u, loopId),
        LoopEffect.CalendarCancel x => Cancel(x, loopId),
        _ => null,
    }).OfType<OutboxMessage>();

    /// <summary>Invites the interview's panel and candidate; who booked is told once every interview of the loop has its invitation.</summary>
    private static OutboxMessage Create(LoopEffect.CalendarCreate c, Guid loopId) =>
        new($"calendar-create:{c.InterviewId}{(c.Attempt is null ? "" : ":" + c.Attempt)}", Recipient("create", c.InterviewId), CreateKind,
            new JsonObject { ["interviewId"] = c.InterviewId.ToString(), ["round"] = c.RoundId, ["notify"] = c.Notify }, LoopId: loopId);

    /// <summary>Sends the interview's current panel as the event's attendees (after a replacement, or again after a refusal).</summary>
    private static OutboxMessage Update(LoopEffect.CalendarUpdate u, Guid loopId) =>
        new($"calendar-update:{u.InterviewId}:{u.Attempt ?? u.ProposalId.ToString()}", Recipient("update", u.InterviewId), UpdateKind,
            new JsonObject { ["interviewId"] = u.InterviewId.ToString(), ["round"] = u.RoundId }, LoopId: loopId);

    /// <summary>Cancels the event with a comment to its attendees (one still being created cancels itself: see the client).</summary>
    private static OutboxMessage Cancel(LoopEffect.CalendarCancel x, Guid loopId) =>
        new($"calendar-cancel:{x.InterviewId}", Recipient("cancel", x.InterviewId), CancelKind,
            new JsonObject { ["interviewId"] = x.InterviewId.ToString(), ["eventId"] = x.EventId, ["comment"] = x.Comment }, LoopId: loopId);

    private static string Recipient(string verb, Guid interviewId) => Recipients.Conversation(Channel, $"{verb}/{interviewId}");

    /// <summary>
    /// SQL: whether the attendee change of interview <c>i</c> last written was refused and nothing
    /// has been written since (<see cref="Core.Loops.BookedInterview.AttendeesStale"/>).
    /// </summary>
    public const string AttendeesStaleSql =
        """
        EXISTS (SELECT 1 FROM outbox f
                WHERE f.recipient = 'conversation:calendar:update/' || i.id AND f.status = 'failed'
                    AND NOT EXISTS (SELECT 1 FROM outbox l WHERE l.recipient = f.recipient AND l.id > f.id))
        """;
}
