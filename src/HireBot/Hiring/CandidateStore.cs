using HireBot.Core;
using HireBot.Core.Access;
using HireBot.Core.Loops;
using Npgsql;

namespace HireBot.Hiring;

/// <summary>SQL for candidates and their loops.</summary>
public sealed class CandidateStore(HireBot.Organisations.OrgDb db, TimeProvider clock)
{
    private const string Select =
        """
        SELECT c.id, c.role_id, c.email, c.name, l.id, l.state, l.deadline, l.decision
        FROM candidates c
        JOIN LATERAL (SELECT * FROM loops WHERE candidate_id = c.id ORDER BY created_at DESC LIMIT 1) l ON true
        """;

    /// <summary>Adds a candidate with a draft loop; who added them is recorded for <c>audit</c> in the same transaction.</summary>
    public async Task<Outcome<CandidateLoop>> AddAsync(Guid roleId, string email, string name, string addedBy, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var candidateId = Guid.CreateVersion7();
        await using (var cmd = new NpgsqlCommand(
            "INSERT INTO candidates (id, role_id, email, name) VALUES ($1, $2, $3, $4) ON CONFLICT (role_id, email) DO NOTHING", conn, tx))
        {
            cmd.Parameters.Add(new() { Value = candidateId });
            cmd.Parameters.Add(new() { Value = roleId });
            cmd.Parameters.Add(new() { Value = email });
            cmd.Parameters.Add(new() { Value = name });
            if (await cmd.ExecuteNonQueryAsync(ct) == 0)
                return Outcome<CandidateLoop>.Fail($"{email} is already a candidate for this role.");
        }
        var loopId = await OpenLoopAsync(conn, tx, candidateId, ct);
        await Privacy.AuditStore.RecordAsync(conn, tx, candidateId, loopId, Privacy.AuditStore.Created, addedBy, clock.GetUtcNow(), ct);
        await tx.CommitAsync(ct);
        return new CandidateLoop(candidateId, roleId, email, name, loopId, LoopState.Draft, null, null);
    }

    public async Task<Outcome<Guid>> NewLoopAsync(Guid candidateId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        try
        {
            return await OpenLoopAsync(conn, null, candidateId, ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return Outcome<Guid>.Fail("This candidate already has an open loop; withdraw or decide it first.");
        }
    }

    private static async Task<Guid> OpenLoopAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, Guid candidateId, CancellationToken ct)
    {
        var loopId = Guid.CreateVersion7();
        await using var cmd = new NpgsqlCommand("INSERT INTO loops (id, candidate_id, state) VALUES ($1, $2, 'Draft')", conn, tx);
        cmd.Parameters.Add(new() { Value = loopId });
        cmd.Parameters.Add(new() { Value = candidateId });
        await cmd.ExecuteNonQueryAsync(ct);
        return loopId;
    }

    /// <summary>
    /// Every candidate a reference names: an email, or <c>role-id:email</c> when the same person
    /// applied to several roles. The caller keeps those the actor may see before it counts them, so
    /// an ambiguity never reveals a candidate of a role the actor has nothing to do with.
    /// </summary>
    public async Task<IReadOnlyList<CandidateLoop>> FindAllAsync(string reference, CancellationToken ct)
    {
        var colon = reference.IndexOf(':');
        var (slug, email) = colon > 0 ? (reference[..colon], reference[(colon + 1)..]) : ((string?)null, reference);
        await using var cmd = db.CreateCommand(Select +
            " JOIN roles r ON r.id = c.role_id WHERE lower(c.email) = lower($1) AND ($2::text IS NULL OR r.slug = $2) ORDER BY l.created_at DESC");
        cmd.Parameters.Add(new() { Value = email.Trim() });
        cmd.Parameters.Add(new() { Value = (object?)slug ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        return await ReadAsync(cmd, ct);
    }

    /// <summary>The seats <paramref name="email"/> holds on a loop's interviews, whether each is scored and whether the interview was cancelled.</summary>
    public async Task<IReadOnlyList<PanelSeat>> SeatsAsync(Guid loopId, string email, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(
            """
            SELECT i.id, p.is_shadow, s.panelist_email IS NOT NULL, i.status = 'Cancelled'
            FROM interviews i JOIN interview_panelists p ON p.interview_id = i.id
            LEFT JOIN scorecards s ON s.interview_id = i.id AND lower(s.panelist_email) = lower(p.email)
            WHERE i.loop_id = $1 AND lower(p.email) = lower($2)
            """);
        cmd.Parameters.Add(new() { Value = loopId });
        cmd.Parameters.Add(new() { Value = email });
        var seats = new List<PanelSeat>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) seats.Add(new PanelSeat(reader.GetGuid(0), reader.GetBoolean(1), reader.GetBoolean(2), reader.GetBoolean(3)));
        return seats;
    }

    /// <summary>The loop an interview belongs to; null when there is no such interview.</summary>
    public async Task<Guid?> LoopOfInterviewAsync(Guid interviewId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("SELECT loop_id FROM interviews WHERE id = $1");
        cmd.Parameters.Add(new() { Value = interviewId });
        return await cmd.ExecuteScalarAsync(ct) as Guid?;
    }

    public async Task<IReadOnlyList<CandidateLoop>> ListAsync(Guid? roleId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(Select + " WHERE $1::uuid IS NULL OR c.role_id = $1 ORDER BY c.created_at");
        cmd.Parameters.Add(new() { Value = (object?)roleId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
        return await ReadAsync(cmd, ct);
    }

    public async Task<CandidateLoop?> ForLoopAsync(Guid loopId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(Select.Replace("ORDER BY created_at DESC LIMIT 1", "AND id = $1"));
        cmd.Parameters.Add(new() { Value = loopId });
        return (await ReadAsync(cmd, ct)).FirstOrDefault();
    }

    private static async Task<List<CandidateLoop>> ReadAsync(HireBot.Organisations.OrgCommand cmd, CancellationToken ct)
    {
        var list = new List<CandidateLoop>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            list.Add(new CandidateLoop(reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3), reader.GetGuid(4),
                Enum.Parse<LoopState>(reader.GetString(5)), reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6),
                reader.IsDBNull(7) ? null : reader.GetString(7)));
        return list;
    }
}
