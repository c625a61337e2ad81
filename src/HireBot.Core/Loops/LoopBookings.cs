using System.Globalization;
using static HireBot.Core.Loops.LoopEffect;

namespace HireBot.Core.Loops;

/// <summary>
/// Booking, rescheduling, cancelling and replacing a panelist, as pure functions from a
/// <see cref="LoopSnapshot"/> to a <see cref="LoopChange"/>. Double clicks, stale options and
/// illegal states are answered here (an error, or a repeated change), never by the database.
/// </summary>
public static class LoopBookings
{
    public const string LoopGone = "That loop no longer exists.";
    public const string NotOffered = "That option is no longer offered: use the latest schedule card, or run `schedule` again.";
    public const string RescheduleComment = "This interview is being rescheduled; a new invitation follows.";
    public const string WithdrawComment = "This interview loop has been cancelled.";
    public const string PanelChanged = "This interview changed since the proposal (cancelled, or the panel was edited); nothing was swapped.";
    public const string DecisionComment = "The hiring decision has been made; this interview is no longer needed.";

    /// <summary>The audit action of a booking.</summary>
    public const string ScheduledAction = "scheduled";

    /// <summary>
    /// Books option <paramref name="optionNo"/> of the latest proposal run: each round becomes an
    /// interview (ids from <paramref name="newId"/>) with its triggers, calendar invitation and
    /// panel kits; the picker gets a confirmation. A loop already booked is a repeated pick: its
    /// triggers are set again and the invitations not yet made are asked for again.
    /// </summary>
    public static Outcome<LoopChange> Book(LoopSnapshot loop, int optionNo, Func<Guid> newId)
    {
        if (loop.State is LoopState.Scheduled or LoopState.InProgress) return Repair(loop);
        var moved = LoopStateMachine.Apply(loop.State, LoopEvent.OptionPicked);
        if (!moved.IsOk) return Outcome<LoopChange>.Fail(moved.Error!);
        if (!loop.Offered.TryGetValue(optionNo, out var option)) return Outcome<LoopChange>.Fail(NotOffered);

        var ids = option.Rounds.Select(_ => newId()).ToList();
        var effects = new List<LoopEffect>();
        for (var i = 0; i < ids.Count; i++)
            effects.AddRange([new InterviewBooked(ids[i], option.Rounds[i]), new TriggersScheduled(ids[i], option.Rounds[i].Start, option.Rounds[i].End)]);
        effects.AddRange(option.Rounds.SelectMany((r, i) => r.Panelists.Concat(r.Shadows).Select(p => new KitQueued(ids[i], r.RoundId, r.Start, r.End, p))));
        effects.Add(new ConfirmationQueued(optionNo, option, loop.Actor));
        effects.AddRange(ids.Select((id, i) => new CalendarCreate(id, option.Rounds[i].RoundId, loop.Actor)));
        effects.Add(new Audited(ScheduledAction, loop.Actor));
        return new LoopChange(moved.Value, effects);
    }

    /// <summary>
    /// A repeated pick, or the Retry button of a refused calendar change (<c>calendar.retry</c>):
    /// every booked interview's triggers again, a new try for each invitation not yet made, and for
    /// each event whose attendees the calendar refused to change after a replacement.
    /// </summary>
    public static LoopChange Repair(LoopSnapshot loop)
    {
        var attempt = $"again-{loop.Now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}";
        return new LoopChange(loop.State,
        [
            .. loop.Booked.Select(i => new TriggersScheduled(i.Id, i.StartsAt, i.EndsAt)),
            .. loop.Booked.Where(i => i.CalendarEventId is null).Select(i => new CalendarCreate(i.Id, i.RoundId, loop.Actor, attempt)),
            .. loop.Booked.Where(i => i.CalendarEventId is not null && i.AttendeesStale).Select(i => new CalendarUpdate(i.Id, i.RoundId, Guid.Empty, attempt)),
        ], Repeated: true);
    }

    /// <summary>
    /// <c>reschedule</c>: the rounds still ahead are cancelled, those already held are kept, and the
    /// loop goes back to Scheduling. A loop already being scheduled (a retried reschedule) changes nothing.
    /// </summary>
    public static Outcome<LoopChange> Reschedule(LoopSnapshot loop) =>
        loop.State == LoopState.Scheduling
            ? new LoopChange(loop.State, [], Repeated: true)
            : Cancel(loop, LoopEvent.Rescheduled, loop.Now, RescheduleComment);

    /// <summary><c>cancel</c>: every booked round is cancelled and the loop is withdrawn.</summary>
    public static Outcome<LoopChange> Withdraw(LoopSnapshot loop) => Cancel(loop, LoopEvent.Withdrawn, null, WithdrawComment);

    private static Outcome<LoopChange> Cancel(LoopSnapshot loop, LoopEvent happened, DateTimeOffset? onlyStartingAfter, string comment)
    {
        var moved = LoopStateMachine.Apply(loop.State, happened);
        return moved.IsOk ? new LoopChange(moved.Value, CancelBooked(loop.Booked, onlyStartingAfter, comment)) : Outcome<LoopChange>.Fail(moved.Error!);
    }

    /// <summary>
    /// Cancels the booked interviews (all, or those starting after <paramref name="onlyStartingAfter"/>):
    /// their rows and pending kits, triggers and calendar events (an event still being created cancels
    /// itself when it is made). Decide uses it for the rounds a decision leaves unneeded.
    /// </summary>
    public static IReadOnlyList<LoopEffect> CancelBooked(IEnumerable<BookedInterview> booked, DateTimeOffset? onlyStartingAfter, string comment) =>
    [
        .. booked.Where(i => onlyStartingAfter is null || i.StartsAt > onlyStartingAfter).SelectMany(i => (IEnumerable<LoopEffect>)
        [
            new InterviewCancelled(i.Id),
            new TriggersRemoved(i.Id),
            .. i.CalendarEventId is { } eventId ? [new CalendarCancel(i.Id, eventId, comment)] : Array.Empty<LoopEffect>(),
        ]),
    ];

    /// <summary>
    /// Accepts a proposed replacement for a panelist who declined: the panel changes, the decliner's
    /// pending kit is withdrawn, the new panelist's is queued and the event's attendees are updated.
    /// Accepting again has nothing to do (no effects).
    /// </summary>
    /// <param name="interview">The interview as booked now, or null when it no longer is.</param>
    /// <param name="acceptedBy">Who accepted the proposal before, or null.</param>
    public static Outcome<IReadOnlyList<LoopEffect>> Replace(BookedInterview? interview, Guid proposalId, string declined, string proposed, string? acceptedBy)
    {
        if (acceptedBy is not null) return Array.Empty<LoopEffect>();
        if (interview is null
            || !interview.Panelists.Any(p => string.Equals(p.Email, declined, StringComparison.OrdinalIgnoreCase))
            || interview.Panelists.Any(p => string.Equals(p.Email, proposed, StringComparison.OrdinalIgnoreCase)))
            return Outcome<IReadOnlyList<LoopEffect>>.Fail(PanelChanged);
        return new LoopEffect[]
        {
            new PanelistReplaced(interview.Id, proposalId, declined, proposed),
            new KitWithdrawn(interview.Id, declined),
            new KitQueued(interview.Id, interview.RoundId, interview.StartsAt, interview.EndsAt, proposed),
            new CalendarUpdate(interview.Id, interview.RoundId, proposalId),
        };
    }
}
