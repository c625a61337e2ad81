using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Users.Item.Calendar.GetSchedule;
using Microsoft.Graph.Users.Item.Events.Item.Cancel;
using Microsoft.Kiota.Abstractions;

namespace HireBot.Calendar;

/// <summary>
/// <see cref="ICalendar"/> over Microsoft Graph with app-only permissions. Free/busy comes from
/// getSchedule (findMeetingTimes is delegated-only), events live in the organizer mailbox.
/// See https://learn.microsoft.com/graph/outlook-get-free-busy-schedule and
/// https://learn.microsoft.com/graph/api/user-post-events.
/// </summary>
public sealed class GraphCalendar(GraphServiceClient graph, IOptions<GraphOptions> options, ILogger<GraphCalendar> logger)
    : ICalendar
{
    private readonly GraphOptions _options = options.Value;

    private string Organizer => _options.OrganizerMailbox
        ?? throw new InvalidOperationException("Graph__OrganizerMailbox is not set.");

    public async Task<IReadOnlyList<MailboxSchedule>> GetFreeBusyAsync(
        IReadOnlyList<string> emails,
        DateTimeOffset windowStartUtc,
        DateTimeOffset windowEndUtc,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(emails);
        if (windowEndUtc <= windowStartUtc)
        {
            throw new ArgumentException("The free/busy window must end after it starts.", nameof(windowEndUtc));
        }

        var distinct = emails.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var busy = distinct.ToDictionary(e => e, _ => new List<BusyInterval>(), StringComparer.OrdinalIgnoreCase);
        var hours = new Dictionary<string, (Core.People.WorkingHours Hours, string? Zone)>(StringComparer.OrdinalIgnoreCase);
        var errors = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var windows = ScheduleBatches.Windows(windowStartUtc, windowEndUtc, _options.MaxScheduleWindowDays);
        var batches = distinct.Chunk(_options.MaxMailboxesPerScheduleCall).ToList();

        // Sequential on purpose: Outlook allows 4 concurrent requests per app and mailbox, and
        // every call here targets the organizer mailbox.
        foreach (var batch in batches)
        {
            foreach (var (start, end) in windows)
            {
                var body = new GetSchedulePostRequestBody
                {
                    Schedules = [.. batch],
                    StartTime = GraphTime.ToGraph(start),
                    EndTime = GraphTime.ToGraph(end),
                    AvailabilityViewInterval = 15,
                };
                var response = await CallAsync(
                    "getSchedule",
                    () => graph.Users[Organizer].Calendar.GetSchedule.PostAsGetSchedulePostResponseAsync(
                        body, PreferUtc, cancellationToken));
                foreach (var info in response?.Value ?? [])
                {
                    if (info.ScheduleId is not { } id || !busy.TryGetValue(id, out var list))
                    {
                        continue;
                    }

                    if (GraphScheduleMapper.Error(info) is { } error)
                    {
                        errors[id] = error;
                        continue;
                    }

                    list.AddRange(GraphScheduleMapper.BusyIntervals(info));
                    if (GraphScheduleMapper.WorkingHours(info) is { } working)
                    {
                        hours[id] = working;
                    }
                }
            }
        }

        GraphCalendarLog.ScheduleRead(logger, distinct.Count, batches.Count * windows.Count);
        return emails.Select(email => errors.TryGetValue(email, out var error)
                ? new MailboxSchedule(email, [], null, error)
                : new MailboxSchedule(
                    email,
                    ScheduleBatches.Merge(busy[email], windowStartUtc, windowEndUtc),
                    hours.TryGetValue(email, out var working) ? working.Hours : null,
                    WorkingHoursZone: hours.TryGetValue(email, out var zoned) ? zoned.Zone : null))
            .ToList();
    }

    public async Task<CreatedEvent> CreateEventAsync(InterviewEvent interview, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(interview);
        ArgumentException.ThrowIfNullOrWhiteSpace(interview.TransactionId);
        if (interview.EndUtc <= interview.StartUtc)
        {
            throw new ArgumentException("The interview must end after it starts.", nameof(interview));
        }

        var created = await CallAsync(
            "createEvent",
            () => graph.Users[Organizer].Events.PostAsync(GraphEventMapper.ToNewEvent(interview), null, cancellationToken));
        var id = created?.Id ?? throw new CalendarException(
            CalendarFailure.Unavailable, "Graph createEvent answered without an event id.");
        GraphCalendarLog.EventCreated(logger, id, interview.TransactionId);
        return new CreatedEvent(id, created.OnlineMeeting?.JoinUrl);
    }

    public async Task<EventChangeOutcome> UpdateEventAsync(
        string eventId, EventChange change, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventId);
        ArgumentNullException.ThrowIfNull(change);
        var found = await CallUnlessNotFoundAsync(
            "updateEvent",
            eventId,
            () => graph.Users[Organizer].Events[eventId].PatchAsync(GraphEventMapper.ToPatch(change), null, cancellationToken));
        if (found is not null)
        {
            GraphCalendarLog.EventUpdated(logger, eventId);
        }

        return found is null ? EventChangeOutcome.NotFound : EventChangeOutcome.Done;
    }

    public async Task<EventChangeOutcome> CancelEventAsync(string eventId, string comment, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventId);
        var body = new CancelPostRequestBody { Comment = comment };
        var found = await CallUnlessNotFoundAsync(
            "cancelEvent",
            eventId,
            async () =>
            {
                await graph.Users[Organizer].Events[eventId].Cancel.PostAsync(body, null, cancellationToken);
                return true;
            });
        if (found)
        {
            GraphCalendarLog.EventCancelled(logger, eventId);
        }

        return found ? EventChangeOutcome.Done : EventChangeOutcome.NotFound;
    }

    public async Task<IReadOnlyDictionary<string, AttendeeResponse>?> GetAttendeeResponsesAsync(
        string eventId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventId);
        var graphEvent = await CallUnlessNotFoundAsync(
            "getEvent",
            eventId,
            () => graph.Users[Organizer].Events[eventId].GetAsync(
                request =>
                {
                    request.QueryParameters.Select = ["attendees"];
                    PreferUtc(request);
                },
                cancellationToken));
        return graphEvent is null ? null : GraphEventMapper.Responses(graphEvent);
    }

    private static void PreferUtc<T>(RequestConfiguration<T> request)
        where T : class, new() => request.Headers.Add("Prefer", GraphTime.PreferUtcHeader);

    private async Task<T?> CallUnlessNotFoundAsync<T>(string operation, string eventId, Func<Task<T?>> call)
    {
        try
        {
            return await call();
        }
        catch (ApiException error) when (GraphErrors.IsNotFound(error))
        {
            GraphCalendarLog.EventNotFound(logger, eventId, operation);
            return default;
        }
        catch (Exception error) when (GraphErrors.IsCallFailure(error))
        {
            throw Fail(error, operation);
        }
    }

    private async Task<T?> CallAsync<T>(string operation, Func<Task<T?>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception error) when (GraphErrors.IsCallFailure(error))
        {
            throw Fail(error, operation);
        }
    }

    private CalendarException Fail(Exception error, string operation)
    {
        var failure = GraphErrors.ToCalendarException(error, operation);
        GraphCalendarLog.CallFailed(logger, operation, failure.Failure, failure.StatusCode, failure.ErrorCode);
        return failure;
    }
}
