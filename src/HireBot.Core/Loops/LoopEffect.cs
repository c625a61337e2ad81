using HireBot.Core.Scheduling;

namespace HireBot.Core.Loops;

/// <summary>
/// The closed set of things a scheduling use case asks the host to do. The host writes them all
/// in the transaction of the state change: rows, outbox rows (messages and calendar changes) and
/// Quartz triggers. Calendar changes carry the interview id, which is the event's transaction id
/// (<see cref="TransactionId"/>), so a retried create never invites twice.
/// </summary>
public abstract record LoopEffect
{
    private LoopEffect() { }

    /// <summary>The calendar transaction id of an interview's event.</summary>
    public static string TransactionId(Guid interviewId) => $"interview:{interviewId}";

    /// <summary>A new interview row with its panel and shadows.</summary>
    public sealed record InterviewBooked(Guid InterviewId, ScheduledRound Round) : LoopEffect;

    /// <summary>The interview is cancelled; its kits not yet sent are withdrawn.</summary>
    public sealed record InterviewCancelled(Guid InterviewId) : LoopEffect;

    /// <summary>The interview's panelist <see cref="Declined"/> is replaced by <see cref="Proposed"/>, whose invitation answer starts blank.</summary>
    public sealed record PanelistReplaced(Guid InterviewId, Guid ProposalId, string Declined, string Proposed) : LoopEffect;

    /// <summary>A panelist's kit for the interview, due a day before it (rendered by the host: it needs the rubric and the panelist's zone).</summary>
    public sealed record KitQueued(Guid InterviewId, string RoundId, DateTimeOffset Start, DateTimeOffset End, string Panelist) : LoopEffect;

    /// <summary>A panelist's kit not yet sent is withdrawn.</summary>
    public sealed record KitWithdrawn(Guid InterviewId, string Panelist) : LoopEffect;

    /// <summary>The recruiter who picked option <see cref="OptionNo"/> is told what was booked.</summary>
    public sealed record ConfirmationQueued(int OptionNo, ScheduleOption Option, string Recruiter) : LoopEffect;

    /// <summary>
    /// Invites the interview's panel and candidate; <see cref="Notify"/> is told once every interview
    /// of the loop has its invitation; <see cref="Attempt"/> names a repeated try.
    /// </summary>
    public sealed record CalendarCreate(Guid InterviewId, string RoundId, string? Notify, string? Attempt = null) : LoopEffect;

    /// <summary>
    /// Sends the interview's current panel as its event's attendees: after replacement
    /// <see cref="ProposalId"/>, or again (<see cref="Attempt"/> names the try) after a refusal.
    /// </summary>
    public sealed record CalendarUpdate(Guid InterviewId, string RoundId, Guid ProposalId, string? Attempt = null) : LoopEffect;

    /// <summary>Cancels the interview's event, telling its attendees <see cref="Comment"/>.</summary>
    public sealed record CalendarCancel(Guid InterviewId, string EventId, string Comment) : LoopEffect;

    /// <summary>The interview's start and end triggers (set again, they replace the old ones).</summary>
    public sealed record TriggersScheduled(Guid InterviewId, DateTimeOffset Start, DateTimeOffset End) : LoopEffect;

    /// <summary>The interview's start and end triggers are removed.</summary>
    public sealed record TriggersRemoved(Guid InterviewId) : LoopEffect;

    /// <summary>An audit record about the loop.</summary>
    public sealed record Audited(string Action, string Actor) : LoopEffect;
}
