using HireBot.Core.Nudges;
using HireBot.Core.People;
using Npgsql;
using NpgsqlTypes;

namespace HireBot.Nudges;

/// <summary>SQL for nudge plans. Reads that decide whether to send run in the caller's transaction.</summary>
public sealed class NudgeStore(HireBot.Organisations.OrgDb db)
{
    private const string ContextSql =
        """
        SELECT p.interview_id, p.email, p.reminders, p.recruiter_at, p.manager_at, p.deadline, p.snoozed_at,
               c.name,
               coalesce((SELECT x->>'name' FROM jsonb_array_elements(r.template->'rounds') x WHERE x->>'id' = i.round_id), i.round_id),
               coalesce(pe.display_name, p.email), coalesce(pe.time_zone, 'UTC'),
               coalesce(pe.work_days, '{1,2,3,4,5}'), coalesce(pe.work_start, '09:00'), coalesce(pe.work_end, '17:00'), coalesce(pe.days_off, '{}'),
               r.recruiters, r.hiring_managers,
               EXISTS (SELECT 1 FROM scorecards s WHERE s.interview_id = p.interview_id AND s.panelist_email = p.email),
               i.status = 'Cancelled' OR l.state IN ('Decided', 'Withdrawn'), p.last_reminder_key, i.loop_id
        FROM nudge_plans p
        JOIN interviews i ON i.id = p.interview_id
        JOIN loops l ON l.id = i.loop_id
        JOIN candidates c ON c.id = l.candidate_id
        JOIN roles r ON r.id = c.role_id
        LEFT JOIN people pe ON pe.email = p.email
        """;

    public static async Task<NudgeContext?> LoadAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, Guid interviewId, string email, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(ContextSql + " WHERE p.interview_id = $1 AND p.email = $2", conn, tx);
        cmd.Parameters.Add(new() { Value = interviewId });
        cmd.Parameters.Add(new() { Value = email });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? Read(r) : null;
    }

    /// <summary>The plans of many pairs in one round trip (the reminder sweep's batch).</summary>
    public static async Task<Dictionary<(Guid InterviewId, string Email), NudgeContext>> LoadManyAsync(
        NpgsqlConnection conn, NpgsqlTransaction? tx, IReadOnlyCollection<(Guid InterviewId, string Email)> pairs, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(ContextSql +
            " JOIN unnest($1::uuid[], $2::text[]) AS want(interview_id, email) ON want.interview_id = p.interview_id AND want.email = p.email", conn, tx);
        cmd.Parameters.Add(new() { Value = pairs.Select(p => p.InterviewId).ToArray() });
        cmd.Parameters.Add(new() { Value = pairs.Select(p => p.Email).ToArray() });
        var plans = new Dictionary<(Guid, string), NudgeContext>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var plan = Read(r);
            plans[(plan.InterviewId, plan.Email)] = plan;
        }
        return plans;
    }

    private static NudgeContext Read(NpgsqlDataReader r)
    {
        var times = r.GetFieldValue<DateTimeOffset[]>(2);
        return new NudgeContext(r.GetGuid(0), r.GetString(1),
            times.Select((t, i) => new PlannedReminder(i + 1, times.Length, t.ToUniversalTime())).ToList(),
            r.GetFieldValue<DateTimeOffset>(3), r.GetFieldValue<DateTimeOffset>(4), r.GetFieldValue<DateTimeOffset>(5),
            r.IsDBNull(6) ? null : r.GetFieldValue<DateTimeOffset>(6),
            r.GetString(7), r.GetString(8), r.GetString(9), Zone(r.GetString(10)),
            Hours(r.GetFieldValue<int[]>(11), r.GetFieldValue<TimeOnly>(12), r.GetFieldValue<TimeOnly>(13), r.GetFieldValue<DateOnly[]>(14)),
            r.GetFieldValue<string[]>(15), r.GetFieldValue<string[]>(16), r.GetBoolean(17), r.GetBoolean(18),
            r.IsDBNull(19) ? null : r.GetString(19), r.GetGuid(20));
    }

    public async Task<NudgeContext?> LoadAsync(Guid interviewId, string email, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await LoadAsync(conn, null, interviewId, email, ct);
    }

    /// <summary>Non-shadow panelists of an interview with their zone and hours, to plan their reminders.</summary>
    public static async Task<List<(string Email, TimeZoneInfo Zone, WorkingHours Hours, DateTimeOffset EndsAt, DateTimeOffset? LoopDeadline)>> PanelistsAsync(
        NpgsqlConnection conn, NpgsqlTransaction? tx, Guid interviewId, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            """
            SELECT ip.email, coalesce(pe.time_zone, 'UTC'), coalesce(pe.work_days, '{1,2,3,4,5}'), coalesce(pe.work_start, '09:00'),
                   coalesce(pe.work_end, '17:00'), coalesce(pe.days_off, '{}'), i.ends_at, l.deadline
            FROM interview_panelists ip
            JOIN interviews i ON i.id = ip.interview_id
            JOIN loops l ON l.id = i.loop_id
            LEFT JOIN people pe ON pe.email = ip.email
            WHERE ip.interview_id = $1 AND NOT ip.is_shadow
            ORDER BY ip.email
            """, conn, tx);
        cmd.Parameters.Add(new() { Value = interviewId });
        var list = new List<(string, TimeZoneInfo, WorkingHours, DateTimeOffset, DateTimeOffset?)>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            list.Add((r.GetString(0), Zone(r.GetString(1)),
                Hours(r.GetFieldValue<int[]>(2), r.GetFieldValue<TimeOnly>(3), r.GetFieldValue<TimeOnly>(4), r.GetFieldValue<DateOnly[]>(5)),
                r.GetFieldValue<DateTimeOffset>(6), r.IsDBNull(7) ? null : r.GetFieldValue<DateTimeOffset>(7)));
        return list;
    }

    /// <summary>Stores a plan; an existing one (a re-run of the interview-ended job) is kept with its snooze.</summary>
    public static async Task<bool> SaveAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, Guid interviewId, string email, NudgePlan plan, DateTimeOffset deadline, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            """
            INSERT INTO nudge_plans (interview_id, email, reminders, recruiter_at, manager_at, deadline)
            VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (interview_id, email) DO NOTHING
            """, conn, tx);
        cmd.Parameters.Add(new() { Value = interviewId });
        cmd.Parameters.Add(new() { Value = email });
        cmd.Parameters.Add(new() { Value = plan.Reminders.Select(x => x.At).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        cmd.Parameters.Add(new() { Value = plan.RecruiterEscalation });
        cmd.Parameters.Add(new() { Value = plan.ManagerEscalation });
        cmd.Parameters.Add(new() { Value = deadline });
        return await cmd.ExecuteNonQueryAsync(ct) == 1;
    }

    /// <summary>
    /// Records the one snooze and moves the pair's pending reminder events to the snoozed plan, in one
    /// transaction; false when the panelist had already snoozed (a race or a second click).
    /// </summary>
    public async Task<bool> SnoozeAsync(Guid interviewId, string email, DateTimeOffset now, DateTimeOffset until, IReadOnlyList<PlannedReminder> reminders, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using var cmd = new NpgsqlCommand(
            "UPDATE nudge_plans SET snoozed_at = $3, snoozed_until = $4, reminders = $5 WHERE interview_id = $1 AND email = $2 AND snoozed_at IS NULL", conn, tx);
        cmd.Parameters.Add(new() { Value = interviewId });
        cmd.Parameters.Add(new() { Value = email });
        cmd.Parameters.Add(new() { Value = now });
        cmd.Parameters.Add(new() { Value = until });
        cmd.Parameters.Add(new() { Value = reminders.Select(x => x.At).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        if (await cmd.ExecuteNonQueryAsync(ct) != 1) return false;
        var pending = reminders.Where(r => r.At > now).Select(r => NudgeEvent.Reminder(r.Number, r.At)).ToList();
        await NudgeEventStore.MoveRemindersAsync(conn, tx, interviewId, email, pending, now, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>Records the key of the last reminder written to each pair, so the next one can replace it where the platform allows.</summary>
    public static async Task SetLastReminderKeysAsync(NpgsqlConnection conn, NpgsqlTransaction? tx,
        IReadOnlyCollection<(Guid InterviewId, string Email, string Key)> keys, CancellationToken ct)
    {
        if (keys.Count == 0) return;
        await using var cmd = new NpgsqlCommand(
            """
            UPDATE nudge_plans p SET last_reminder_key = k.key
            FROM unnest($1::uuid[], $2::text[], $3::text[]) AS k(interview_id, email, key)
            WHERE p.interview_id = k.interview_id AND p.email = k.email
            """, conn, tx);
        cmd.Parameters.Add(new() { Value = keys.Select(k => k.InterviewId).ToArray() });
        cmd.Parameters.Add(new() { Value = keys.Select(k => k.Email).ToArray() });
        cmd.Parameters.Add(new() { Value = keys.Select(k => k.Key).ToArray() });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Panelists of the loop's ended, uncancelled interviews whose scorecard is missing.</summary>
    public async Task<List<(Guid InterviewId, string Email)>> MissingAsync(Guid loopId, DateTimeOffset now, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(
            """
            SELECT ip.interview_id, ip.email FROM interview_panelists ip JOIN interviews i ON i.id = ip.interview_id
            WHERE i.loop_id = $1 AND i.status <> 'Cancelled' AND (i.ends_at <= $2 OR i.status = 'Completed') AND NOT ip.is_shadow
              AND NOT EXISTS (SELECT 1 FROM scorecards s WHERE s.interview_id = ip.interview_id AND s.panelist_email = ip.email)
            ORDER BY i.starts_at, ip.email
            """);
        cmd.Parameters.Add(new() { Value = loopId });
        cmd.Parameters.Add(new() { Value = now });
        var list = new List<(Guid, string)>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) list.Add((r.GetGuid(0), r.GetString(1)));
        return list;
    }

    public HireBot.Organisations.OrgDb Db => db;

    private static TimeZoneInfo Zone(string id) => TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;

    // people.work_days holds ISO weekdays: 1 = Monday … 7 = Sunday (0 is read as Sunday too).
    private static WorkingHours Hours(int[] days, TimeOnly start, TimeOnly end, DateOnly[] off) =>
        WorkingHours.Weekly(days.Select(d => (DayOfWeek)(d % 7)), start, end, off);
}
