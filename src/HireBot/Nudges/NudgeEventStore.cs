using Npgsql;

namespace HireBot.Nudges;

/// <summary>
/// SQL for <c>nudge_events</c>, one row per planned reminder or escalation of a pair. Planning
/// writes them, a snooze moves them, a submit closes them, and <see cref="ReminderSweepJob"/>
/// claims the due ones in batches. Every call joins the caller's transaction.
/// </summary>
public static class NudgeEventStore
{
    /// <summary>Stores a pair's events; a re-run of the interview-ended job keeps those already there.</summary>
    public static async Task SaveAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, Guid interviewId, string email, IReadOnlyCollection<NudgeEvent> events, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            """
            INSERT INTO nudge_events (interview_id, email, name, due_at)
            SELECT $1, $2, e.name, e.due_at FROM unnest($3::text[], $4::timestamptz[]) AS e(name, due_at)
            ON CONFLICT (interview_id, email, name) DO NOTHING
            """, conn, tx);
        cmd.Parameters.Add(new() { Value = interviewId });
        cmd.Parameters.Add(new() { Value = email });
        cmd.Parameters.Add(new() { Value = events.Select(e => e.Name).ToArray() });
        cmd.Parameters.Add(new() { Value = events.Select(e => e.At).ToArray() });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Locks the pending events due at <paramref name="now"/> of up to about <paramref name="max"/>
    /// due rows' pairs. All of a pair's due events come together, so the sweep can send only the
    /// latest reminder even when a batch boundary would have split them. Rows another transaction
    /// holds (a snooze, a submit) are skipped and seen by the next sweep.
    /// </summary>
    public static async Task<List<(Guid InterviewId, string Email, NudgeEvent Event)>> ClaimDueAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, DateTimeOffset now, int max, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            """
            WITH pairs AS (
                SELECT DISTINCT interview_id, email FROM (
                    SELECT interview_id, email FROM nudge_events WHERE done_at IS NULL AND due_at <= $1 ORDER BY due_at LIMIT $2) first_due)
            SELECT e.interview_id, e.email, e.name, e.due_at
            FROM nudge_events e JOIN pairs ON pairs.interview_id = e.interview_id AND pairs.email = e.email
            WHERE e.done_at IS NULL AND e.due_at <= $1
            FOR UPDATE OF e SKIP LOCKED
            """, conn, tx);
        cmd.Parameters.Add(new() { Value = now });
        cmd.Parameters.Add(new() { Value = max });
        var due = new List<(Guid, string, NudgeEvent)>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            due.Add((r.GetGuid(0), r.GetString(1), new NudgeEvent(r.GetString(2), r.GetFieldValue<DateTimeOffset>(3))));
        return due;
    }

    /// <summary>Closes claimed events: sent, or skipped because the scorecard is in or a later reminder was due.</summary>
    public static async Task MarkDoneAsync(NpgsqlConnection conn, NpgsqlTransaction tx,
        IReadOnlyCollection<(Guid InterviewId, string Email, NudgeEvent Event)> events, DateTimeOffset now, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            """
            UPDATE nudge_events e SET done_at = $4
            FROM unnest($1::uuid[], $2::text[], $3::text[]) AS d(interview_id, email, name)
            WHERE e.interview_id = d.interview_id AND e.email = d.email AND e.name = d.name
            """, conn, tx);
        cmd.Parameters.Add(new() { Value = events.Select(e => e.InterviewId).ToArray() });
        cmd.Parameters.Add(new() { Value = events.Select(e => e.Email).ToArray() });
        cmd.Parameters.Add(new() { Value = events.Select(e => e.Event.Name).ToArray() });
        cmd.Parameters.Add(new() { Value = now });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// After a snooze: the renumbered reminders still ahead are (re)set to their new times, and any
    /// other pending reminder is closed (one due but not yet swept counts as the one being snoozed).
    /// Escalations keep their times.
    /// </summary>
    public static async Task MoveRemindersAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid interviewId, string email,
        IReadOnlyCollection<NudgeEvent> ahead, DateTimeOffset now, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(conn, tx)
        {
            BatchCommands =
            {
                new(
                    """
                    INSERT INTO nudge_events (interview_id, email, name, due_at)
                    SELECT $1, $2, e.name, e.due_at FROM unnest($3::text[], $4::timestamptz[]) AS e(name, due_at)
                    ON CONFLICT (interview_id, email, name) DO UPDATE SET due_at = excluded.due_at, done_at = NULL
                    """)
                {
                    Parameters = { new() { Value = interviewId }, new() { Value = email },
                        new() { Value = ahead.Select(e => e.Name).ToArray() }, new() { Value = ahead.Select(e => e.At).ToArray() } },
                },
                new(
                    """
                    UPDATE nudge_events SET done_at = $4
                    WHERE interview_id = $1 AND email = $2 AND done_at IS NULL AND name LIKE 'reminder-%' AND NOT (name = ANY($3))
                    """)
                {
                    Parameters = { new() { Value = interviewId }, new() { Value = email },
                        new() { Value = ahead.Select(e => e.Name).ToArray() }, new() { Value = now } },
                },
            },
        };
        await batch.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Submitting cancels what is pending: runs in the submit's transaction, so both commit together.</summary>
    public static async Task CancelAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid interviewId, string email, DateTimeOffset now, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            "UPDATE nudge_events SET done_at = $3 WHERE interview_id = $1 AND lower(email) = lower($2) AND done_at IS NULL", conn, tx);
        cmd.Parameters.Add(new() { Value = interviewId });
        cmd.Parameters.Add(new() { Value = email });
        cmd.Parameters.Add(new() { Value = now });
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
