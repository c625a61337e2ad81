using HireBot.Core.Loops;
using HireBot.Core.Scorecards;
using Npgsql;
using NpgsqlTypes;

namespace HireBot.Scorecards;

/// <summary>
/// SQL for scorecards, their audit trail and who has seen others' feedback. Every method joins the
/// caller's transaction so a submission, its audit row, its reply and a digest commit together.
/// </summary>
public static class ScorecardStore
{
    /// <summary>
    /// The interview with its loop, candidate and panel. <paramref name="lockLoop"/> takes the loop
    /// row FOR UPDATE: submissions of one loop then run one at a time, so exactly one of them sees
    /// the panel complete, and a decision cannot slip in between the check and the write.
    /// </summary>
    public static async Task<InterviewFacts?> LoadAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, Guid interviewId, bool lockLoop, CancellationToken ct)
    {
        InterviewFacts facts;
        await using (var cmd = new NpgsqlCommand(
            """
            SELECT i.id, i.loop_id, i.round_id, i.status, i.ends_at, c.role_id, c.name, l.state
            FROM interviews i JOIN loops l ON l.id = i.loop_id JOIN candidates c ON c.id = l.candidate_id
            WHERE i.id = $1
            """ + (lockLoop ? " FOR UPDATE OF l" : ""), conn, tx))
        {
            cmd.Parameters.Add(new() { Value = interviewId });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            if (!await r.ReadAsync(ct)) return null;
            facts = new InterviewFacts(r.GetGuid(0), r.GetGuid(1), r.GetString(2), r.GetString(3), r.GetFieldValue<DateTimeOffset>(4),
                r.GetGuid(5), r.GetString(6), Enum.Parse<LoopState>(r.GetString(7)), []);
        }
        var panel = new List<PanelSeat>();
        await using (var cmd = new NpgsqlCommand("SELECT email, is_shadow FROM interview_panelists WHERE interview_id = $1 ORDER BY email", conn, tx))
        {
            cmd.Parameters.Add(new() { Value = interviewId });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) panel.Add(new PanelSeat(r.GetString(0).ToLowerInvariant(), r.GetBoolean(1)));
        }
        return facts with { Panel = panel };
    }

    public static async Task<Scorecard?> FindAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, Guid interviewId, string email, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            """
            SELECT ratings::text, red_flags, recommendation, notes, submitted_at, amended_at, saw_others, panelist_email
            FROM scorecards WHERE interview_id = $1 AND lower(panelist_email) = lower($2)
            """, conn, tx);
        cmd.Parameters.Add(new() { Value = interviewId });
        cmd.Parameters.Add(new() { Value = email });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? Read(r, interviewId) : null;
    }

    internal static Scorecard Read(NpgsqlDataReader r, Guid interviewId) => new(
        interviewId, r.GetString(7), ScorecardJson.ReadRatings(r.GetString(0)), r.GetFieldValue<string[]>(1),
        (Recommendation)r.GetInt16(2), r.IsDBNull(3) ? null : r.GetString(3), r.GetFieldValue<DateTimeOffset>(4),
        r.IsDBNull(5) ? null : r.GetFieldValue<DateTimeOffset>(5), r.GetBoolean(6));

    /// <summary>First submission. False when a row already exists (double click, replayed request): nothing is written.</summary>
    public static async Task<bool> InsertAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Scorecard s, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            """
            INSERT INTO scorecards (interview_id, panelist_email, ratings, red_flags, recommendation, notes, submitted_at, saw_others)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            ON CONFLICT (interview_id, panelist_email) DO NOTHING
            """, conn, tx);
        AddVersion(cmd, s, s.SubmittedAt);
        cmd.Parameters.Add(new() { Value = s.SawOthersBeforeSubmitting });
        return await cmd.ExecuteNonQueryAsync(ct) == 1;
    }

    public static async Task UpdateAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Scorecard s, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            """
            UPDATE scorecards SET ratings = $3, red_flags = $4, recommendation = $5, notes = $6, amended_at = $7, saw_others = $8
            WHERE interview_id = $1 AND panelist_email = $2
            """, conn, tx);
        AddVersion(cmd, s, s.AmendedAt ?? throw new ArgumentException("An amendment needs its time.", nameof(s)));
        cmd.Parameters.Add(new() { Value = s.SawOthersBeforeSubmitting });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    // $1–$7: keys, content and the time of this version (submitted_at on insert, amended_at on update).
    private static void AddVersion(NpgsqlCommand cmd, Scorecard s, DateTimeOffset at)
    {
        cmd.Parameters.Add(new() { Value = s.InterviewId });
        cmd.Parameters.Add(new() { Value = s.PanelistEmail });
        cmd.Parameters.Add(new() { Value = ScorecardJson.Ratings(s.Ratings).ToJsonString(), NpgsqlDbType = NpgsqlDbType.Jsonb });
        cmd.Parameters.Add(new() { Value = s.RedFlags.ToArray() });
        cmd.Parameters.Add(new() { Value = (short)s.Recommendation });
        cmd.Parameters.Add(new() { Value = (object?)s.Notes ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new() { Value = at });
    }

    /// <summary>One row of the audit trail: who changed which scorecard when, from what to what.</summary>
    public static async Task AuditAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Scorecard? before, Scorecard after, string changedBy,
        DateTimeOffset at, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            """
            INSERT INTO scorecard_audit (interview_id, panelist_email, changed_by, changed_at, before, after)
            VALUES ($1, $2, $3, $4, $5, $6)
            """, conn, tx);
        cmd.Parameters.Add(new() { Value = after.InterviewId });
        cmd.Parameters.Add(new() { Value = after.PanelistEmail });
        cmd.Parameters.Add(new() { Value = changedBy });
        cmd.Parameters.Add(new() { Value = at });
        cmd.Parameters.Add(new() { Value = (object?)(before is null ? null : ScorecardJson.Version(before).ToJsonString()) ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Jsonb });
        cmd.Parameters.Add(new() { Value = ScorecardJson.Version(after).ToJsonString(), NpgsqlDbType = NpgsqlDbType.Jsonb });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Whether this person has seen others' feedback on the loop (a summary after submitting).</summary>
    public static async Task<bool> HasSeenOthersAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, Guid loopId, string email, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM feedback_views WHERE loop_id = $1 AND lower(email) = lower($2))", conn, tx);
        cmd.Parameters.Add(new() { Value = loopId });
        cmd.Parameters.Add(new() { Value = email });
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Records the first time a panelist saw others' feedback on a loop; later views keep the first time.</summary>
    public static async Task RecordViewAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, Guid loopId, string email, DateTimeOffset at, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            "INSERT INTO feedback_views (loop_id, email, first_seen_at) VALUES ($1, $2, $3) ON CONFLICT (loop_id, email) DO NOTHING", conn, tx);
        cmd.Parameters.Add(new() { Value = loopId });
        cmd.Parameters.Add(new() { Value = email.ToLowerInvariant() });
        cmd.Parameters.Add(new() { Value = at });
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
