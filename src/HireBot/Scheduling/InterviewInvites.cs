using System.Net;
using HireBot.Calendar;
using HireBot.Core.Roles;
using HireBot.Hiring;
using HireBot.Core.Loops;

namespace HireBot.Scheduling;

/// <summary>
/// The calendar events of bookings. Each interview's event is created with TransactionId
/// <c>interview:{id}</c>, so creating it again after a crash or a failed call returns the event made
/// the first time instead of inviting twice; creating and cancelling are outbox rows
/// (<see cref="CalendarEffects"/>). An interview whose event could not be created stays booked
/// with no calendar_event_id: repeating the pick asks for exactly those again.
/// </summary>
public static class InterviewInvites
{
    public static string TransactionId(Guid interviewId) => Core.Loops.LoopEffect.TransactionId(interviewId);

    /// <summary>Panelists required, shadows optional, the candidate required.</summary>
    public static IReadOnlyList<EventAttendee> Attendees(CandidateLoop candidate, IEnumerable<BookedPanelist> panel, IReadOnlyDictionary<string, PersonRow> people) =>
        [.. panel.Select(p => new EventAttendee(p.Email, ScheduleCards.Name(people, p.Email), p.IsShadow)), new EventAttendee(candidate.Email, candidate.Name)];

    public static InterviewEvent Event(Role role, CandidateLoop candidate, BookedInterview interview, IReadOnlyDictionary<string, PersonRow> people)
    {
        var round = role.Template.Loop.FindRound(interview.RoundId)?.Name ?? interview.RoundId;
        var body = $"<p>{WebUtility.HtmlEncode(round)} interview with {WebUtility.HtmlEncode(candidate.Name)} " +
                   $"for {WebUtility.HtmlEncode(role.Template.Title)}.</p><p>Panelists receive their interview kit in chat the day before.</p>";
        return new InterviewEvent($"Interview: {candidate.Name}, {round} ({role.Template.Title})", body,
            interview.StartsAt, interview.EndsAt, Attendees(candidate, interview.Panelists, people), IsOnlineMeeting: true,
            TransactionId(interview.Id));
    }
}
