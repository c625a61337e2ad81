using System.Text.Json.Nodes;
using HireBot.Calendar;
using HireBot.Hiring;
using HireBot.Outbox;

using HireBot.Core.Loops;

namespace HireBot.Scheduling;

/// <summary>
/// Polls the attendee responses of upcoming interviews, records them on the panel, and for each
/// panelist who declined proposes a replacement to the role's recruiters (the <c>replacement</c>
/// card), once per decline. Polling rather than change notifications: it needs no public
/// endpoint, and declines days before an interview are not urgent to the minute.
/// </summary>
public sealed class DeclineWatcher(BookingStore bookings, ReplacementStore replacements, ReplacementFinder finder, CandidateStore candidates,
    RoleStore roles, SchedulingStore store, ICalendar calendar, OutboxSignal signal, Npgsql.NpgsqlDataSource db, TimeProvider clock,
    ILogger<DeclineWatcher> logger)
{
    /// <summary>One pass over every organisation's upcoming interviews, each in its organisation; returns how many replacements it proposed.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var proposed = 0;
        await using (var cmd = db.CreateCommand(
            "SELECT DISTINCT org_id FROM interviews WHERE status = 'Scheduled' AND starts_at > $1 AND calendar_event_id IS NOT NULL"))
        {
            cmd.Parameters.Add(new() { Value = clock.GetUtcNow() });
            var orgs = new List<Guid>();
            await using (var reader = await cmd.ExecuteReaderAsync(ct))
                while (await reader.ReadAsync(ct)) orgs.Add(reader.GetGuid(0));
            foreach (var org in orgs)
                using (Organisations.OrgScope.Enter(org))
                    proposed += await RunForOrganisationAsync(ct);
        }
        if (proposed > 0) signal.Notify();
        return proposed;
    }

    private async Task<int> RunForOrganisationAsync(CancellationToken ct)
    {
        var proposed = 0;
        foreach (var interview in await bookings.UpcomingWithEventsAsync(clock.GetUtcNow(), ct))
        {
            IReadOnlyDictionary<string, AttendeeResponse>? responses;
            try
            {
                responses = await calendar.GetAttendeeResponsesAsync(interview.CalendarEventId!, ct);
            }
            catch (CalendarException e)
            {
                SchedulingLog.ResponsesFailed(logger, interview.Id, e.Failure);
                continue;
            }
            if (responses is null) continue;
            await replacements.RecordResponsesAsync(interview.Id, responses, ct);
            foreach (var declined in interview.Panelists.Where(p => !p.IsShadow && responses.GetValueOrDefault(p.Email) == AttendeeResponse.Declined))
            {
                if (await replacements.ExistsAsync(interview.Id, declined.Email, ct)) continue;
                if (await ProposeAsync(interview, declined.Email, ct)) proposed++;
            }
        }
        return proposed;
    }

    private async Task<bool> ProposeAsync(BookedInterview interview, string declined, CancellationToken ct)
    {
        var candidate = await candidates.ForLoopAsync(interview.LoopId, ct);
        var role = candidate is null ? null : await roles.FindAsync(candidate.RoleId, ct);
        if (candidate is null || role is null) return false;
        var replacement = await finder.FindAsync(role, interview, ct);
        var people = await store.PeopleAsync([declined, .. role.Recruiters], ct);
        var round = role.Template.Loop.FindRound(interview.RoundId)?.Name ?? interview.RoundId;
        var proposal = new ReplacementProposal(Guid.CreateVersion7(), interview.Id, declined, replacement?.Email ?? declined, null);
        var messages = role.Recruiters.Select(r => Card(proposal, candidate, round, interview, people[declined], replacement, people[r]));
        // Without a replacement the row still records the decline, so the recruiters hear about it once.
        var stored = await replacements.ProposeAsync(proposal, messages, ct);
        SchedulingLog.Declined(logger, interview.Id, replacement is not null);
        return stored && replacement is not null;
    }

    private static OutboxMessage Card(ReplacementProposal proposal, CandidateLoop candidate, string round, BookedInterview interview,
        PersonRow declined, PersonRow? replacement, PersonRow recruiter)
    {
        var key = $"replacement:{interview.Id}:{declined.Email}:{recruiter.Email}";
        var time = recruiter.Format(interview.StartsAt, interview.EndsAt);
        if (replacement is null)
            return new OutboxMessage(key, Recipients.Person(recruiter.Email), "message", new JsonObject
            {
                ["title"] = "Panelist declined",
                ["text"] = $"{declined.DisplayName} declined the {round} interview with {candidate.Name} on {time}, and nobody else in the pool is free then. Run `reschedule {candidate.Email}` or find someone by hand.",
            });
        return new OutboxMessage(key, Recipients.Person(recruiter.Email), "replacement", new JsonObject
        {
            ["interviewId"] = interview.Id.ToString(),
            ["candidate"] = candidate.Name,
            ["round"] = round,
            ["time"] = time,
            ["declined"] = new JsonObject { ["name"] = declined.DisplayName },
            ["proposed"] = new JsonObject
            {
                ["id"] = proposal.Id.ToString(),
                ["name"] = replacement.DisplayName,
                ["reason"] = $"In the {round} pool, free at that time and the least loaded that week.",
            },
        });
    }
}
