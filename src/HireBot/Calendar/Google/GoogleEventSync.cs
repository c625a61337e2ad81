using System.Collections.Concurrent;
using HireBot.Organisations;
using Microsoft.Extensions.Options;

namespace HireBot.Calendar.Google;

/// <summary>
/// Attendee responses of the organiser calendar's events, kept current by incremental
/// synchronisation (https://developers.google.com/workspace/calendar/api/guides/sync): a full
/// events.list from a day ago (<c>timeMin</c>, <c>showDeleted</c>) yields a <c>nextSyncToken</c>,
/// and each later read lists only events changed since. A 410 <c>fullSyncRequired</c> drops the
/// token and what it knew and syncs in full again. One state per organisation, in memory: a
/// restart begins with a full sync.
/// </summary>
public sealed class GoogleEventSync(GoogleApi api, IOptions<GoogleOptions> options, TimeProvider clock, ILogger<GoogleEventSync> logger)
{
    private readonly ConcurrentDictionary<Guid, State> _states = new();

    /// <summary>Responses of one event after catching up with changes; null when it is gone.</summary>
    public async Task<IReadOnlyDictionary<string, AttendeeResponse>?> ResponsesAsync(string eventId, CancellationToken ct)
    {
        var state = _states.GetOrAdd(OrgScope.Current ?? OrgScope.Default, _ => new State());
        await state.Gate.WaitAsync(ct);
        try
        {
            await CatchUpAsync(state, ct);
            if (state.Events.TryGetValue(eventId, out var known)) return known;
        }
        finally
        {
            state.Gate.Release();
        }

        // Older than the synced window (or made by hand): read it directly.
        var read = await api.SendAsync("events.get", Organizer, HttpMethod.Get, $"calendars/primary/events/{Uri.EscapeDataString(eventId)}", null, ct, 404, 410);
        return read.IsSuccess && !GoogleEventJson.IsCancelled(read.Json!) ? GoogleEventJson.Responses(read.Json!) : null;
    }

    private string Organizer => options.Value.OrganizerEmail!;

    private async Task CatchUpAsync(State state, CancellationToken ct)
    {
        string? pageToken = null;
        int changed = 0, pages = 0;
        var full = state.SyncToken is null;
        while (true)
        {
            var query = state.SyncToken is { } token
                ? $"syncToken={Uri.EscapeDataString(token)}"
                : $"timeMin={Uri.EscapeDataString(GoogleApi.Time(clock.GetUtcNow().AddDays(-1)))}&showDeleted=true";
            if (pageToken is not null) query += $"&pageToken={Uri.EscapeDataString(pageToken)}";
            var page = await api.SendAsync("events.list", Organizer, HttpMethod.Get, $"calendars/primary/events?maxResults=250&{query}", null, ct, 410);
            if (page.Status == 410)
            {
                GoogleCalendarLog.FullResync(logger);
                state.SyncToken = null;
                state.Events.Clear();
                pageToken = null;
                full = true;
                continue;
            }

            pages++;
            foreach (var item in page.Json!["items"]?.AsArray() ?? [])
            {
                if (item?["id"]?.GetValue<string>() is not { } id) continue;
                state.Events[id] = GoogleEventJson.IsCancelled(item) ? null : GoogleEventJson.Responses(item);
                changed++;
            }

            pageToken = page.Json["nextPageToken"]?.GetValue<string>();
            if (pageToken is not null) continue;
            state.SyncToken = page.Json["nextSyncToken"]?.GetValue<string>();
            GoogleCalendarLog.Synced(logger, changed, pages, full);
            return;
        }
    }

    private sealed class State
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);
        public string? SyncToken { get; set; }
        public Dictionary<string, IReadOnlyDictionary<string, AttendeeResponse>?> Events { get; } = [];
    }
}
