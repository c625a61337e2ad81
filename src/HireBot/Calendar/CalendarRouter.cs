using HireBot.Calendar.Google;
using HireBot.Organisations;

namespace HireBot.Calendar;

/// <summary>
/// The <see cref="ICalendar"/> when more than one calendar can serve: each call goes to the
/// calendar of the organisation in scope (<see cref="OrgScope"/>), named by
/// <c>Orgs__&lt;key&gt;__CalendarProvider</c>, else <c>Calendar__Provider</c>, else Graph when
/// configured, then Google when configured, then the local calendar.
/// </summary>
public sealed class CalendarRouter(IServiceProvider services, OrganisationDirectory directory, string defaultProvider) : ICalendar
{
    public const string Graph = "graph";
    public const string Google = "google";
    public const string Local = "local";

    /// <summary>The calendar the organisation in scope uses.</summary>
    public ICalendar Current => (directory.Settings(OrgScope.Current ?? OrgScope.Default).CalendarProvider ?? defaultProvider) switch
    {
        Graph => services.GetRequiredService<GraphCalendar>(),
        Google => services.GetRequiredService<GoogleCalendar>(),
        _ => services.GetRequiredService<LocalCalendar>(),
    };

    public Task<IReadOnlyList<MailboxSchedule>> GetFreeBusyAsync(IReadOnlyList<string> emails, DateTimeOffset windowStartUtc,
        DateTimeOffset windowEndUtc, CancellationToken cancellationToken) =>
        Current.GetFreeBusyAsync(emails, windowStartUtc, windowEndUtc, cancellationToken);

    public Task<CreatedEvent> CreateEventAsync(InterviewEvent interview, CancellationToken cancellationToken) =>
        Current.CreateEventAsync(interview, cancellationToken);

    public Task<EventChangeOutcome> UpdateEventAsync(string eventId, EventChange change, CancellationToken cancellationToken) =>
        Current.UpdateEventAsync(eventId, change, cancellationToken);

    public Task<EventChangeOutcome> CancelEventAsync(string eventId, string comment, CancellationToken cancellationToken) =>
        Current.CancelEventAsync(eventId, comment, cancellationToken);

    public Task<IReadOnlyDictionary<string, AttendeeResponse>?> GetAttendeeResponsesAsync(string eventId, CancellationToken cancellationToken) =>
        Current.GetAttendeeResponsesAsync(eventId, cancellationToken);
}
