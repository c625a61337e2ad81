using HireBot.Calendar;
using HireBot.Core;
using HireBot.Core.Loops;
using HireBot.Outbox;
using Npgsql;

namespace HireBot.Scheduling;

/// <summary>SQL for attendee responses and panelist replacements.</summary>
public sealed class ReplacementStore(HireBot.Organisations.OrgDb db)
{
    public async Task RecordResponsesAsync(Guid interviewId, IReadOnlyDictionary<string, AttendeeResponse> responses, CancellationToken ct)
    {
        foreach (var (email, response) in responses)
        {
            await using var cmd = db.CreateCommand(
                "UPDATE interview_panelists SET response = $3 WHERE interview_id = $1 AND lower(email) = lower($2) AND response <> $3");
            cmd.Parameters.Add(new() { Value = interviewId });
            cmd.Parameters.Add(new() { Value = email });
            cmd.Parameters.Add(new() { Value = response.ToString().ToLowerInvariant() });
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }

    public async Task<bool> ExistsAsync(Guid interviewId, string declinedEmail, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("SELECT 1 FROM replacement_proposals WHERE interview_id = $1 AND declined_email = $2");
        cmd.Parameters.Add(new() { Value = interviewId });
        cmd.Parameters.Add(new() { Value = declinedEmail.ToLowerInvariant() });
        return await cmd.ExecuteScalarAsync(ct) is not null;
    }

    /// <summary>Stores the proposal and queues its cards together; a second proposal for the same decline is ignored.</summary>
    public async Task<bool> ProposeAsync(ReplacementProposal proposal, IEnumerable<OutboxMessage> messages, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var cmd = new NpgsqlCommand(
            """
            INSERT INTO replacement_proposals (id, interview_id, declined_email, proposed_email) VALUES ($1, $2, $3, $4)
            ON CONFLICT (interview_id, declined_email) DO NOTHING
            """, conn, tx))
        {
            cmd.Parameters.Add(new() { Value = proposal.Id });
            cmd.Parameters.Add(new() { Value = proposal.InterviewId });
            cmd.Parameters.Add(new() { Value = proposal.DeclinedEmail.ToLowerInvariant() });
            cmd.Parameters.Add(new() { Value = proposal.ProposedEmail.ToLowerInvariant() });
            if (await cmd.ExecuteNonQueryAsync(ct) == 0) return false;
        }
        await OutboxStore.EnqueueAsync(conn, tx, messages, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    public async Task<ReplacementProposal?> FindAsync(Guid id, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("SELECT interview_id, declined_email, proposed_email, accepted_by FROM replacement_proposals WHERE id = $1");
        cmd.Parameters.Add(new() { Value = id });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct)
            ? new ReplacementProposal(id, reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3))
            : null;
    }

    /// <summary>
    /// Under the proposal's and the interview's row locks, <see cref="LoopBookings.Replace"/> decides;
    /// the swap, the decliner's withdrawn kit, the new panelist's <paramref name="kit"/> and the
    /// event's new attendees are written together. True when this call swapped; false when it was already accepted.
    /// </summary>
    public async Task<Outcome<bool>> AcceptAsync(ReplacementProposal proposal, string acceptedBy, DateTimeOffset now, OutboxMessage kit, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        string? acceptedBefore;
        await using (var lockRow = new NpgsqlCommand("SELECT accepted_by FROM replacement_proposals WHERE id = $1 FOR UPDATE", conn, tx))
        {
            lockRow.Parameters.Add(new() { Value = proposal.Id });
            acceptedBefore = await lockRow.ExecuteScalarAsync(ct) as string;
        }
        var interview = acceptedBefore is null ? await BookingStore.LockAsync(conn, tx, proposal.InterviewId, ct) : null;
        var effects = LoopBookings.Replace(interview, proposal.Id, proposal.DeclinedEmail, proposal.ProposedEmail, acceptedBefore);
        if (!effects.IsOk) return Outcome<bool>.Fail(effects.Error!);
        if (effects.Value!.Count == 0) return false;
        await using (var done = new NpgsqlCommand("UPDATE replacement_proposals SET accepted_by = $2, accepted_at = $3 WHERE id = $1", conn, tx))
        {
            done.Parameters.Add(new() { Value = proposal.Id });
            done.Parameters.Add(new() { Value = acceptedBy });
            done.Parameters.Add(new() { Value = now });
            await done.ExecuteNonQueryAsync(ct);
        }
        await LoopEffectStore.WriteAsync(conn, tx, interview!.LoopId, effects.Value, [kit], now, ct);
        await tx.CommitAsync(ct);
        return true;
    }
}
