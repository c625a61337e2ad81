using Microsoft.Graph.Models;

namespace HireBot.Calendar;

/// <summary>
/// Builds Graph <c>event</c> payloads (https://learn.microsoft.com/graph/api/user-post-events)
/// and reads attendee responses back.
/// </summary>
internal static class GraphEventMapper
{
    public static Event ToNewEvent(InterviewEvent interview) => new()
    {
        Subject = interview.Subject,
        Body = new ItemBody { ContentType = BodyType.Html, Content = interview.BodyHtml },
        Start = GraphTime.ToGraph(interview.StartUtc),
        End = GraphTime.ToGraph(interview.EndUtc),
        Attendees = ToAttendees(interview.Attendees),
        AllowNewTimeProposals = false,
        IsOnlineMeeting = interview.IsOnlineMeeting,
        OnlineMeetingProvider = interview.IsOnlineMeeting ? OnlineMeetingProviderType.TeamsForBusiness : null,

        // Lets Graph drop a replayed POST (SDK retry or our outbox) and return the first event
        // (https://learn.microsoft.com/graph/api/resources/event, property transactionId).
        TransactionId = interview.TransactionId,
    };

    /// <summary>
    /// Only the changed members: the body is left alone because rewriting it can drop the Teams
    /// join details Graph inserted there (https://learn.microsoft.com/graph/api/event-update).
    /// </summary>
    public static Event ToPatch(EventChange change) => new()
    {
        Start = change.StartUtc is { } start ? GraphTime.ToGraph(start) : null,
        End = change.EndUtc is { } end ? GraphTime.ToGraph(end) : null,
        Attendees = change.Attendees is { } attendees ? ToAttendees(attendees) : null,
    };

    public static IReadOnlyDictionary<string, AttendeeResponse> Responses(Event graphEvent)
    {
        var responses = new Dictionary<string, AttendeeResponse>(StringComparer.OrdinalIgnoreCase);
        foreach (var attendee in graphEvent.Attendees ?? [])
        {
            if (attendee.EmailAddress?.Address is { Length: > 0 } address)
            {
                responses[address] = ToResponse(attendee.Status?.Response);
            }
        }

        return responses;
    }

    private static AttendeeResponse ToResponse(ResponseType? response) => response switch
    {
        ResponseType.Accepted or ResponseType.Organizer => AttendeeResponse.Accepted,
        ResponseType.TentativelyAccepted => AttendeeResponse.Tentative,
        ResponseType.Declined => AttendeeResponse.Declined,
        _ => AttendeeResponse.None,
    };

    private static List<Attendee> ToAttendees(IEnumerable<EventAttendee> attendees) =>
        attendees.Select(a => new Attendee
        {
            EmailAddress = new EmailAddress { Address = a.Email, Name = a.Name },
            Type = a.IsOptional ? AttendeeType.Optional : AttendeeType.Required,
        }).ToList();
}
