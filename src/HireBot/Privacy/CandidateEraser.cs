using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HireBot.Decisions;
using HireBot.Hiring;
using HireBot.Organisations;
using HireBot.Outbox;
using HireBot.Scheduling;
using Npgsql;
using Quartz;

namespace HireBot.Privacy;

/// <summary>What forgetting did: the placeholder the candidate is now known by, and counts for the reply.</summary>
public sealed record Forgotten(string Placeholder, int Loops, int InterviewsCancelled, int MessagesWithdrawn, int EventsToCancel);

/// <summary>
/// Erases a candidate (<c>candidate forget</c>, or the retention job): their name and email, the
/// free text written about them (scorecard evidence and notes, in the scorecards and in their
/// audited versions, and the decision reason), their digest charts, and their name in messages not yet sent. Kept for
/// calibration: the ratings' numbers, competencies, recommendations, panelists and rounds.
/// Anything pending is cancelled: an open loop is withdrawn, booked interviews are cancelled through
/// the cancellation path (kits withdrawn), pending outbox rows about the loops are withdrawn, open
/// reminders closed, and the loops' Quartz triggers deleted (in the same transaction, enlisted as a
/// booking enlists them). The calendar is not called here: cancelling the interviews' events is
/// outbox rows (<see cref="CalendarEffects.Rows"/>)
/// written in that transaction, after the loops' pending rows are withdrawn, and carried out by the
/// dispatcher (retried while the calendar does not answer, reported to the recruiters if it refuses).
/// </summary>
public sealed class CandidateEraser(OrgDb db, ISchedulerFactory quartz, OutboxSignal signal, ILogger<CandidateEraser> logger)
{
    public const string ForgottenName = "Forgotten candidate";

    /// <summary>Forgets a candidate; null when they already were (checked under the row lock, so two erasures never both run).</summary>
    public async Task<Forgotten?> ForgetAsync(Guid candidateId, string actor, DateTimeOffset now, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        string name, email;
        await using (var cmd = new NpgsqlCommand("SELECT name, email, forgotten_at IS NOT NULL FROM candidates WHERE id = $1 FOR UPDATE", conn, tx))
        {
            cmd.Parameters.Add(new() { Value = candidateId });
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct)) throw new InvalidOperationException("The candidate to forget does not exist in this organisation.");
            if (reader.GetBoolean(2)) return null;
            (name, email) = (reader.GetString(0), reader.GetString(1));
        }
        var loops = await IdsAsync(conn, tx, "SELECT id FROM loops WHERE candidate_id = $1 ORDER BY created_at FOR UPDATE", candidateId, ct);
        var interviews = await IdsAsync(conn, tx, "SELECT i.id FROM interviews i JOIN loops l ON l.id = i.loop_id WHERE l.candidate_id = $1", candidateId, ct);

        await Exec(conn, tx, "UPDATE loops SET state = 'Withdrawn', updated_at = $2 WHERE candidate_id = $1 AND state NOT IN ('Decided', 'Withdrawn')", ct, candidateId, now);
        var cancelled = new List<(Guid Loop, List<CancelledInterview> Interviews)>();
        foreach (var loop in loops) cancelled.Add((loop, await CancellationStore.CancelBookedAsync(conn, tx, loop, null, ct)));

        // Pending messages about the loops (and the kits and reminders of their interviews) are withdrawn.
        var patterns = loops.Concat(interviews).Select(id => $"%{id}%").ToArray();
        var withdrawn = await Exec(conn, tx,
            """
            UPDATE outbox SET status = 'failed', last_error = 'withdrawn: the candidate was forgotten'
            WHERE status IN ('pending', 'sending') AND (loop_id = ANY($1) OR idempotency_key LIKE ANY($2))
            """, ct, loops.ToArray(), patterns);
        var scrubbed = await ScrubPendingAsync(conn, tx, name, email, ct);
        // Written after the withdrawal, which would otherwise take them too.
        var cancels = cancelled.SelectMany(c => CalendarEffects.Rows(
            c.Interviews.Where(i => i.CalendarEventId is not null)
                .Select(i => new Core.Loops.LoopEffect.CalendarCancel(i.InterviewId, i.CalendarEventId!, "This interview has been cancelled.")), c.Loop)).ToList();
        await OutboxStore.EnqueueAsync(conn, tx, cancels, ct);
        await Exec(conn, tx, "UPDATE nudge_events SET done_at = $2 WHERE done_at IS NULL AND interview_id = ANY($1)", ct, interviews.ToArray(), now);

        await Exec(conn, tx, "UPDATE scorecards SET ratings = hirebot_strip_evidence(ratings), notes = NULL WHERE interview_id = ANY($1)", ct, interviews.ToArray());
        await Exec(conn, tx, "UPDATE scorecard_audit SET before = hirebot_strip_version(before), after = hirebot_strip_version(after) WHERE interview_id = ANY($1)",
            ct, interviews.ToArray());
        await Exec(conn, tx, "UPDATE loops SET decision_reason = CASE WHEN decision_reason IS NULL THEN NULL ELSE '' END WHERE candidate_id = $1", ct, candidateId);
        await Exec(conn, tx, "DELETE FROM schedule_proposals WHERE loop_id = ANY($1)", ct, loops.ToArray());
        // The digest charts: scores of this candidate behind URLs that were posted; erased, those URLs answer 404.
        await Exec(conn, tx, "DELETE FROM charts WHERE loop_id = ANY($1)", ct, loops.ToArray());

        // What the ATS said the candidate is called: kept to tell ATS changes from recruiters' edits, not needed once forgotten.
        await Exec(conn, tx, "UPDATE ats_applications SET imported_name = '', imported_email = '' WHERE candidate_id = $1", ct, candidateId);

        // Random, so two forgotten candidates of a role never collide and nothing links back to the person.
        var placeholder = $"forgotten-{Guid.NewGuid().ToString("N")[..12]}@forgotten.invalid";
        await Exec(conn, tx, "UPDATE candidates SET name = $2, email = $3, forgotten_at = $4 WHERE id = $1", ct, candidateId, ForgottenName, placeholder, now);
        // The local calendar (the stand-in when no Graph calendar is set up) is this bot's own data: its events of the loops are scrubbed too.
        const string Events = "SELECT calendar_event_id FROM interviews WHERE id = ANY($1) AND calendar_event_id IS NOT NULL";
        await Exec(conn, tx, $"UPDATE local_event_attendees SET email = $2, name = $3 WHERE lower(email) = lower($4) AND event_id IN ({Events})",
            ct, interviews.ToArray(), placeholder, ForgottenName, email);
        await Exec(conn, tx, $"UPDATE local_events SET subject = replace(subject, $2, $3), body_html = replace(body_html, $4, $3) WHERE id IN ({Events})",
            ct, interviews.ToArray(), name, ForgottenName, System.Net.WebUtility.HtmlEncode(name));
        await AuditStore.RecordAsync(conn, tx, candidateId, loops.Count > 0 ? loops[^1] : null, AuditStore.Forgot, actor, now, ct);

        var scheduler = await quartz.GetScheduler(ct);
        using (SchedulerEnlistmentExtensions.EnlistTransaction(scheduler, tx))
        {
            foreach (var interview in interviews) await InterviewJobs.CancelAsync(scheduler, interview, ct);
            foreach (var loop in loops) await DigestJobs.CancelDeadlineAsync(scheduler, loop, ct);
            await tx.CommitAsync(ct);
        }
        if (cancels.Count > 0) signal.Notify();

        var interviewsCancelled = cancelled.Sum(c => c.Interviews.Count);
        PrivacyLog.Forgot(logger, candidateId, loops.Count, interviewsCancelled, withdrawn, scrubbed);
        return new Forgotten(placeholder, loops.Count, interviewsCancelled, withdrawn, cancels.Count);
    }

    /// <summary>Replaces the candidate's name and email in every message of the organisation still to be sent.</summary>
    private static async Task<int> ScrubPendingAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string name, string email, CancellationToken ct)
    {
        var rows = new List<(long Id, string Payload)>();
        await using (var cmd = new NpgsqlCommand(
            "SELECT id, payload::text FROM outbox WHERE status IN ('pending', 'sending') AND (strpos(payload::text, $1) > 0 OR strpos(lower(payload::text), lower($2)) > 0) FOR UPDATE", conn, tx))
        {
            cmd.Parameters.Add(new() { Value = name });
            cmd.Parameters.Add(new() { Value = email });
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) rows.Add((reader.GetInt64(0), reader.GetString(1)));
        }
        foreach (var (id, payload) in rows)
        {
            var node = JsonNode.Parse(payload)!;
            await using var update = new NpgsqlCommand("UPDATE outbox SET payload = $2 WHERE id = $1", conn, tx);
            update.Parameters.Add(new() { Value = id });
            update.Parameters.Add(new() { Value = Scrub(node, name, email)!.ToJsonString(), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Jsonb });
            await update.ExecuteNonQueryAsync(ct);
        }
        return rows.Count;
    }

    /// <summary>The same JSON with the name and email replaced in every string (keys are the cards' own and left alone).</summary>
    internal static JsonNode? Scrub(JsonNode? node, string name, string email) => node switch
    {
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, Scrub(p.Value, name, email)))),
        JsonArray a => new JsonArray(a.Select(n => Scrub(n, name, email)).ToArray()),
        // Whole words only, so a short name does not eat into other words ("Ada" in "Adam").
        JsonValue v when v.TryGetValue<string>(out var s) => JsonValue.Create(
            Regex.Replace(s, $@"(?<!\w){Regex.Escape(name)}(?!\w)", ForgottenName).Replace(email, "a forgotten candidate", StringComparison.OrdinalIgnoreCase)),
        _ => node?.DeepClone(),
    };

    private static async Task<List<Guid>> IdsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string sql, Guid id, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        cmd.Parameters.Add(new() { Value = id });
        var ids = new List<Guid>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) ids.Add(reader.GetGuid(0));
        return ids;
    }

    private static async Task<int> Exec(NpgsqlConnection conn, NpgsqlTransaction tx, string sql, CancellationToken ct, params object[] args)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        foreach (var a in args) cmd.Parameters.Add(new() { Value = a });
        return await cmd.ExecuteNonQueryAsync(ct);
    }
}
