using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace HireBot.Calendar.Google;

/// <summary>
/// <see cref="ICalendar"/> over the Google Calendar REST API, as a service account impersonating
/// the organiser (domain-wide delegation). Events live on the organiser's primary calendar and
/// Google mails the invitations (<c>sendUpdates=all</c>); online interviews get a Google Meet.
/// Free/busy comes from freeBusy.query, which shows the organiser the busy time of everyone in
/// the Workspace (https://developers.google.com/workspace/calendar/api/v3/reference/freebusy/query);
/// a person's time zone from their own Calendar settings, read as them.
/// </summary>
public sealed class GoogleCalendar(GoogleApi api, GoogleEventSync sync, IOptions<GoogleOptions> options, ILogger<GoogleCalendar> logger) : ICalendar
{
    private readonly GoogleOptions _options = options.Value;
    private readonly ConcurrentDictionary<string, string?> _zones = new(StringComparer.OrdinalIgnoreCase);

    private string Organizer => _options.OrganizerEmail!;

    public async Task<IReadOnlyList<MailboxSchedule>> GetFreeBusyAsync(
        IReadOnlyList<string> emails, DateTimeOffset windowStartUtc, DateTimeOffset windowEndUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(emails);
        if (windowEndUtc <= windowStartUtc) throw new ArgumentException("The free/busy window must end after it starts.", nameof(windowEndUtc));

        var distinct = emails.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var busy = distinct.ToDictionary(e => e, _ => new List<BusyInterval>(), StringComparer.OrdinalIgnoreCase);
        var errors = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var windows = ScheduleBatches.Windows(windowStartUtc, windowEndUtc, _options.MaxFreeBusyWindowDays);
        var batches = distinct.Chunk(_options.MaxCalendarsPerFreeBusyCall).ToList();
        foreach (var batch in batches)
        {
            foreach (var (start, end) in windows)
            {
                var body = new JsonObject
                {
                    ["timeMin"] = GoogleApi.Time(start),
                    ["timeMax"] = GoogleApi.Time(end),
                    ["timeZone"] = "UTC",
                    ["calendarExpansionMax"] = batch.Length,
                    ["items"] = new JsonArray([.. batch.Select(e => (JsonNode)new JsonObject { ["id"] = e })]),
                };
                var answer = await api.SendAsync("freeBusy.query", Organizer, HttpMethod.Post, "freeBusy", body, cancellationToken);
                foreach (var (id, calendar) in answer.Json!["calendars"]?.AsObject() ?? [])
                {
                    if (!busy.TryGetValue(id, out var list) || calendar is null) continue;
                    // An unknown or unreadable calendar is an entry with errors, e.g. reason notFound.
                    if (calendar["errors"]?.AsArray().FirstOrDefault()?["reason"]?.GetValue<string>() is { } reason)
                    {
                        errors[id] = reason;
                        continue;
                    }
                    list.AddRange((calendar["busy"]?.AsArray() ?? []).Select(b => new BusyInterval(
                        GoogleApi.ParseTime(b!["start"]!.GetValue<string>()), GoogleApi.ParseTime(b["end"]!.GetValue<string>()))));
                }
            }
        }

        GoogleCalendarLog.FreeBusyRead(logger, distinct.Count, batches.Count * windows.Count);
        var schedules = new List<MailboxSchedule>();
        foreach (var email in emails)
            schedules.Add(errors.TryGetValue(email, out var error)
                ? new MailboxSchedule(email, [], null, error)
                : new MailboxSchedule(email, ScheduleBatches.Merge(busy[email], windowStartUtc, windowEndUtc), null,
                    TimeZone: await TimeZoneAsync(email, cancellationToken)));
        return schedules;
    }

    public async Task<CreatedEvent> CreateEventAsync(InterviewEvent interview, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(interview);
        ArgumentException.ThrowIfNullOrWhiteSpace(interview.TransactionId);
        if (interview.EndUtc <= interview.StartUtc) throw new ArgumentException("The interview must end after it starts.", nameof(interview));

        var id = GoogleEventJson.EventId(interview.TransactionId);
        var created = await api.SendAsync("events.insert", Organizer, HttpMethod.Post,
            "calendars/primary/events?sendUpdates=all&conferenceDataVersion=1", GoogleEventJson.NewEvent(interview, id), cancellationToken, 409);
        var isFirst = created.Status != 409;
        if (!isFirst)
        {
            // 409 duplicate: an earlier attempt made it (its answer was lost); that one is the event.
            created = await api.SendAsync("events.get", Organizer, HttpMethod.Get, $"calendars/primary/events/{id}", null, cancellationToken);
        }

        GoogleCalendarLog.EventCreated(logger, id, interview.TransactionId, isFirst);
        return new CreatedEvent(id, GoogleEventJson.JoinUrl(created.Json));
    }

    public async Task<EventChangeOutcome> UpdateEventAsync(string eventId, EventChange change, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventId);
        ArgumentNullException.ThrowIfNull(change);
        var path = $"calendars/primary/events/{Uri.EscapeDataString(eventId)}";
        var current = await api.SendAsync("events.get", Organizer, HttpMethod.Get, path, null, cancellationToken, 404, 410);
        if (!current.IsSuccess || GoogleEventJson.IsCancelled(current.Json!)) return NotFound(eventId, "events.patch");

        var patched = await api.SendAsync("events.patch", Organizer, HttpMethod.Patch, path + "?sendUpdates=all",
            GoogleEventJson.Patch(change, current.Json!), cancellationToken, 404, 410);
        if (!patched.IsSuccess) return NotFound(eventId, "events.patch");
        GoogleCalendarLog.EventUpdated(logger, eventId);
        return EventChangeOutcome.Done;
    }

    /// <summary>
    /// Deletes the event; Google mails the attendees a cancellation (it has no place for
    /// <paramref name="comment"/>). A 410 means an earlier attempt deleted it already.
    /// </summary>
    public async Task<EventChangeOutcome> CancelEventAsync(string eventId, string comment, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventId);
        var deleted = await api.SendAsync("events.delete", Organizer, HttpMethod.Delete,
            $"calendars/primary/events/{Uri.EscapeDataString(eventId)}?sendUpdates=all", null, cancellationToken, 404, 410);
        if (deleted.Status == 404) return NotFound(eventId, "events.delete");
        GoogleCalendarLog.EventDeleted(logger, eventId);
        return EventChangeOutcome.Done;
    }

    public Task<IReadOnlyDictionary<string, AttendeeResponse>?> GetAttendeeResponsesAsync(string eventId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventId);
        return sync.ResponsesAsync(eventId, cancellationToken);
    }

    /// <summary>
    /// The person's Calendar time zone (settings/timezone, read as them), remembered for the
    /// process's life; null when it cannot be read (someone outside the Workspace, say).
    /// </summary>
    private async Task<string?> TimeZoneAsync(string email, CancellationToken ct)
    {
        if (_zones.TryGetValue(email, out var known)) return known;
        try
        {
            var setting = await api.SendAsync("settings.get", email, HttpMethod.Get, "users/me/settings/timezone", null, ct, 403, 404);
            var zone = setting.IsSuccess ? setting.Json?["value"]?.GetValue<string>() : null;
            _zones[email] = zone;
            return zone;
        }
        catch (CalendarException e) when (e.Failure is CalendarFailure.Rejected)
        {
            _zones[email] = null;
            return null;
        }
        catch (CalendarException)
        {
            return null; // throttled or down: try again next time, schedule without it now
        }
    }

    private EventChangeOutcome NotFound(string eventId, string operation)
    {
        GoogleCalendarLog.EventNotFound(logger, eventId, operation);
        return EventChangeOutcome.NotFound;
    }
}
