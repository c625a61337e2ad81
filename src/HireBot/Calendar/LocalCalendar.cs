using Npgsql;

namespace HireBot.Calendar;

/// <summary>
/// The calendar of local mode and the demo, in PostgreSQL (migration 0002). Busy time is every
/// seeded <c>local_busy</c> block plus every event the person attends and has not declined.
/// Creation is idempotent on the transaction id, like Graph's <c>transactionId</c>, so a retried
/// booking finds the first event. Working hours are not known here: the people table holds them.
/// </summary>
public sealed class LocalCalendar(HireBot.Organisations.OrgDb db, TimeProvider clock) : ICalendar
{
    public async Task<IReadOnlyList<MailboxSchedule>> GetFreeBusyAsync(
        IReadOnlyList<string> emails, DateTimeOffset windowStartUtc, DateTimeOffset windowEndUtc, CancellationToken cancellationToken)
    {
        await using var cmd = db.CreateCommand(
            """
            SELECT lower(email), starts_at, ends_at FROM local_busy
            WHERE lower(email) = ANY($1) AND starts_at < $3 AND ends_at > $2
            UNION ALL
            SELECT lower(a.email), e.starts_at, e.ends_at FROM local_events e JOIN local_event_attendees a ON a.event_id = e.id
            WHERE lower(a.email) = ANY($1) AND a.response <> 'Declined' AND e.cancelled_at IS NULL AND e.starts_at < $3 AND e.ends_at > $2
            ORDER BY 2
            """);
        cmd.Parameters.Add(new() { Value = emails.Select(e => e.ToLowerInvariant()).ToArray() });
        cmd.Parameters.Add(new() { Value = windowStartUtc.ToUniversalTime() });
        cmd.Parameters.Add(new() { Value = windowEndUtc.ToUniversalTime() });
        var busy = new Dictionary<string, List<BusyInterval>>();
        await using (var reader = await cmd.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var email = reader.GetString(0);
                if (!busy.TryGetValue(email, out var list)) busy[email] = list = [];
                list.Add(new BusyInterval(reader.GetFieldValue<DateTimeOffset>(1), reader.GetFieldValue<DateTimeOffset>(2)));
            }
        }
        return emails.Select(e => new MailboxSchedule(e, busy.GetValueOrDefault(e.ToLowerInvariant()) ?? [], null)).ToList();
    }

    public async Task<CreatedEvent> CreateEventAsync(InterviewEvent interview, CancellationToken cancellationToken)
    {
        await using var conn = await db.OpenConnectionAsync(cancellationToken);
        await using var tx = await conn.BeginTransactionAsync(cancellationToken);
        var id = "local-" + Guid.CreateVersion7().ToString("N");
        await using (var insert = new NpgsqlCommand(
            """
            INSERT INTO local_events (id, transaction_id, subject, body_html, starts_at, ends_at, is_online_meeting, join_url)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (transaction_id) DO NOTHING
            """, conn, tx))
        {
            foreach (var value in new object[] { id, interview.TransactionId, interview.Subject, interview.BodyHtml,
                         interview.StartUtc.ToUniversalTime(), interview.EndUtc.ToUniversalTime(), interview.IsOnlineMeeting })
                insert.Parameters.Add(new() { Value = value });
            // Local mode has no meeting service; the link names the event so the demo can show it.
            insert.Parameters.Add(new() { Value = interview.IsOnlineMeeting ? $"local-meeting:{id}" : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            if (await insert.ExecuteNonQueryAsync(cancellationToken) == 1)
                await ReplaceAttendeesAsync(conn, tx, id, interview.Attendees, cancellationToken);
        }
        await using var select = new NpgsqlCommand("SELECT id, join_url FROM local_events WHERE transaction_id = $1", conn, tx);
        select.Parameters.Add(new() { Value = interview.TransactionId });
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var created = new CreatedEvent(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1));
        await reader.DisposeAsync();
        await tx.CommitAsync(cancellationToken);
        return created;
    }

    public async Task<EventChangeOutcome> UpdateEventAsync(string eventId, EventChange change, CancellationToken cancellationToken)
    {
        await using var conn = await db.OpenConnectionAsync(cancellationToken);
        await using var tx = await conn.BeginTransactionAsync(cancellationToken);
        await using (var cmd = new NpgsqlCommand(
            "UPDATE local_events SET starts_at = coalesce($2, starts_at), ends_at = coalesce($3, ends_at) WHERE id = $1 AND cancelled_at IS NULL", conn, tx))
        {
            cmd.Parameters.Add(new() { Value = eventId });
            cmd.Parameters.Add(new() { Value = (object?)change.StartUtc?.ToUniversalTime() ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
            cmd.Parameters.Add(new() { Value = (object?)change.EndUtc?.ToUniversalTime() ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
            if (await cmd.ExecuteNonQueryAsync(cancellationToken) == 0) return EventChangeOutcome.NotFound;
        }
        if (change.Attendees is { } attendees) await ReplaceAttendeesAsync(conn, tx, eventId, attendees, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return EventChangeOutcome.Done;
    }

    public async Task<EventChangeOutcome> CancelEventAsync(string eventId, string comment, CancellationToken cancellationToken)
    {
        await using var cmd = db.CreateCommand(
            "UPDATE local_events SET cancelled_at = coalesce(cancelled_at, $2), cancel_comment = $3 WHERE id = $1");
        cmd.Parameters.Add(new() { Value = eventId });
        cmd.Parameters.Add(new() { Value = clock.GetUtcNow() });
        cmd.Parameters.Add(new() { Value = comment });
        return await cmd.ExecuteNonQueryAsync(cancellationToken) == 1 ? EventChangeOutcome.Done : EventChangeOutcome.NotFound;
    }

    public async Task<IReadOnlyDictionary<string, AttendeeResponse>?> GetAttendeeResponsesAsync(string eventId, CancellationToken cancellationToken)
    {
        await using var cmd = db.CreateCommand(
            "SELECT a.email, a.response FROM local_events e LEFT JOIN local_event_attendees a ON a.event_id = e.id WHERE e.id = $1");
        cmd.Parameters.Add(new() { Value = eventId });
        var responses = new Dictionary<string, AttendeeResponse>(StringComparer.OrdinalIgnoreCase);
        var found = false;
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found = true;
            if (!reader.IsDBNull(0)) responses[reader.GetString(0)] = Enum.Parse<AttendeeResponse>(reader.GetString(1));
        }
        return found ? responses : null;
    }

    /// <summary>
    /// Records an attendee's answer, as a person clicking Accept or Decline in their mail client
    /// would: the demo and tests use it. False when the event or the attendee is unknown.
    /// </summary>
    public async Task<bool> RespondAsync(string eventId, string email, AttendeeResponse response, CancellationToken cancellationToken)
    {
        await using var cmd = db.CreateCommand("UPDATE local_event_attendees SET response = $3 WHERE event_id = $1 AND lower(email) = lower($2)");
        cmd.Parameters.Add(new() { Value = eventId });
        cmd.Parameters.Add(new() { Value = email });
        cmd.Parameters.Add(new() { Value = response.ToString() });
        return await cmd.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Adds a busy block to a person's local calendar (seeding for the demo and tests).</summary>
    public async Task AddBusyAsync(string email, DateTimeOffset startUtc, DateTimeOffset endUtc, CancellationToken cancellationToken)
    {
        await using var cmd = db.CreateCommand("INSERT INTO local_busy (email, starts_at, ends_at) VALUES ($1, $2, $3)");
        cmd.Parameters.Add(new() { Value = email.ToLowerInvariant() });
        cmd.Parameters.Add(new() { Value = startUtc.ToUniversalTime() });
        cmd.Parameters.Add(new() { Value = endUtc.ToUniversalTime() });
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Replaces the attendee list, keeping the responses of attendees who stay invited.</summary>
    private static async Task ReplaceAttendeesAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string eventId,
        IReadOnlyList<EventAttendee> attendees, CancellationToken ct)
    {
        var emails = attendees.Select(a => a.Email.ToLowerInvariant()).ToArray();
        await using (var delete = new NpgsqlCommand("DELETE FROM local_event_attendees WHERE event_id = $1 AND NOT (lower(email) = ANY($2))", conn, tx))
        {
            delete.Parameters.Add(new() { Value = eventId });
            delete.Parameters.Add(new() { Value = emails });
            await delete.ExecuteNonQueryAsync(ct);
        }
        foreach (var a in attendees)
        {
            await using var insert = new NpgsqlCommand(
                """
                INSERT INTO local_event_attendees (event_id, email, name, is_optional) VALUES ($1, $2, $3, $4)
                ON CONFLICT (event_id, email) DO UPDATE SET name = EXCLUDED.name, is_optional = EXCLUDED.is_optional
                """, conn, tx);
            insert.Parameters.Add(new() { Value = eventId });
            insert.Parameters.Add(new() { Value = a.Email.ToLowerInvariant() });
            insert.Parameters.Add(new() { Value = (object?)a.Name ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            insert.Parameters.Add(new() { Value = a.IsOptional });
            await insert.ExecuteNonQueryAsync(ct);
        }
    }
}
