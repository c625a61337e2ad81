using System.Globalization;
using HireBot.Organisations;
using Npgsql;

namespace HireBot.Privacy;

/// <summary>One line of <c>audit &lt;candidate&gt;</c>: when, who, and what they did.</summary>
public sealed record AuditEntry(DateTimeOffset At, string Actor, string What)
{
    public string Line => $"• {At.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC — {Actor} {What}";
}

/// <summary>
/// The record of who did what to a candidate. <c>audit_events</c> holds what nothing else records
/// (created, scheduled, viewed the digest, forgot); submissions and amendments come from
/// <c>scorecard_audit</c> and the decision from the loop, so nothing is written twice.
/// </summary>
public sealed class AuditStore(OrgDb db)
{
    public const string Created = "created", Scheduled = "scheduled", ViewedDigest = "viewed-digest", Forgot = "forgot";

    /// <summary>Records an event in the caller's transaction (the state change it describes commits with it).</summary>
    public static async Task RecordAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, Guid candidateId, Guid? loopId, string action, string actor,
        DateTimeOffset at, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("INSERT INTO audit_events (candidate_id, loop_id, action, actor, at) VALUES ($1, $2, $3, $4, $5)", conn, tx);
        cmd.Parameters.Add(new() { Value = candidateId });
        cmd.Parameters.Add(new() { Value = (object?)loopId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
        cmd.Parameters.Add(new() { Value = action });
        cmd.Parameters.Add(new() { Value = actor });
        cmd.Parameters.Add(new() { Value = at });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Records an event about a loop's candidate in the caller's transaction.</summary>
    public static async Task RecordForLoopAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, Guid loopId, string action, string actor,
        DateTimeOffset at, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            "INSERT INTO audit_events (candidate_id, loop_id, action, actor, at) SELECT candidate_id, id, $2, $3, $4 FROM loops WHERE id = $1", conn, tx);
        cmd.Parameters.Add(new() { Value = loopId });
        cmd.Parameters.Add(new() { Value = action });
        cmd.Parameters.Add(new() { Value = actor });
        cmd.Parameters.Add(new() { Value = at });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public async Task RecordAsync(Guid candidateId, Guid? loopId, string action, string actor, DateTimeOffset at, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await RecordAsync(conn, null, candidateId, loopId, action, actor, at, ct);
    }

    /// <summary>Everything recorded about a candidate, oldest first (ties in the order they were written).</summary>
    public async Task<IReadOnlyList<AuditEntry>> ListAsync(Guid candidateId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(
            """
            SELECT at, actor, action, NULL::text, 0 AS source, id FROM audit_events WHERE candidate_id = $1
            UNION ALL
            SELECT a.changed_at, a.changed_by, CASE WHEN a.before IS NULL THEN 'submitted' ELSE 'amended' END,
                   i.round_id || CASE WHEN lower(a.changed_by) <> lower(a.panelist_email) THEN ' for ' || a.panelist_email ELSE '' END, 1, a.id
            FROM scorecard_audit a JOIN interviews i ON i.id = a.interview_id JOIN loops l ON l.id = i.loop_id
            WHERE l.candidate_id = $1
            UNION ALL
            SELECT decided_at, decided_by, 'decided', decision, 2, 0 FROM loops WHERE candidate_id = $1 AND decided_at IS NOT NULL
            ORDER BY 1, 5, 6
            """);
        cmd.Parameters.Add(new() { Value = candidateId });
        var list = new List<AuditEntry>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var detail = reader.IsDBNull(3) ? null : reader.GetString(3);
            list.Add(new AuditEntry(reader.GetFieldValue<DateTimeOffset>(0), reader.GetString(1), Describe(reader.GetString(2), detail)));
        }
        return list;
    }

    private static string Describe(string action, string? detail) => action switch
    {
        Created => "created the candidate",
        Scheduled => "scheduled the loop",
        ViewedDigest => "viewed the digest",
        Forgot => "forgot the candidate (personal data erased)",
        "submitted" => $"submitted the {detail} scorecard",
        "amended" => $"amended the {detail} scorecard",
        "decided" => $"decided: {detail}",
        _ => action,
    };
}
