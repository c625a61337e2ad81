using HireBot.Core.Decisions;
using HireBot.Core.Loops;
using HireBot.Core.Scorecards;
using HireBot.Scorecards;
using Npgsql;

namespace HireBot.Decisions;

/// <summary>SQL that reads a loop's panel, scorecards and people, and records digests and decisions.</summary>
public static class LoopFeedbackStore
{
    /// <summary>Null when there is no such loop. <paramref name="lockLoop"/> takes the loop row FOR UPDATE.</summary>
    public static async Task<LoopFeedback?> LoadAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, Guid loopId, bool lockLoop, CancellationToken ct)
    {
        LoopFeedback loop;
        await using (var cmd = new NpgsqlCommand(
            "SELECT c.role_id, c.name, l.state, l.digest_posted_at FROM loops l JOIN candidates c ON c.id = l.candidate_id WHERE l.id = $1" +
            (lockLoop ? " FOR UPDATE OF l" : ""), conn, tx))
        {
            cmd.Parameters.Add(new() { Value = loopId });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            if (!await r.ReadAsync(ct)) return null;
            loop = new LoopFeedback(loopId, r.GetGuid(0), r.GetString(1), Enum.Parse<LoopState>(r.GetString(2)),
                r.IsDBNull(3) ? null : r.GetFieldValue<DateTimeOffset>(3), [], [], new Dictionary<string, string>());
        }
        var seats = new List<LoopSeat>();
        var names = new Dictionary<string, string>();
        await using (var cmd = new NpgsqlCommand(
            """
            SELECT i.id, i.round_id, i.status, lower(p.email), p.is_shadow, pe.display_name
            FROM interviews i JOIN interview_panelists p ON p.interview_id = i.id
            LEFT JOIN people pe ON lower(pe.email) = lower(p.email)
            WHERE i.loop_id = $1 AND i.status <> 'Cancelled'
            ORDER BY i.starts_at, p.email
            """, conn, tx))
        {
            cmd.Parameters.Add(new() { Value = loopId });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                seats.Add(new LoopSeat(r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetBoolean(4)));
                if (!r.IsDBNull(5)) names[r.GetString(3)] = r.GetString(5);
            }
        }
        var cards = new List<Scorecard>();
        await using (var cmd = new NpgsqlCommand(
            """
            SELECT s.ratings::text, s.red_flags, s.recommendation, s.notes, s.submitted_at, s.amended_at, s.saw_others, lower(s.panelist_email), s.interview_id
            FROM scorecards s JOIN interviews i ON i.id = s.interview_id
            WHERE i.loop_id = $1 AND i.status <> 'Cancelled'
            """, conn, tx))
        {
            cmd.Parameters.Add(new() { Value = loopId });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) cards.Add(ScorecardStore.Read(r, r.GetGuid(8)));
        }
        return loop with { Seats = seats, Scorecards = cards, Names = names };
    }

    /// <summary>
    /// Every submitted scorecard of the organisation (the connection is OrgDb's) by one of
    /// <paramref name="emails"/>, with the hours from its interview's end to the first submission.
    /// </summary>
    public static async Task<IReadOnlyList<PastScorecard>> LoadScorecardTimesAsync(NpgsqlConnection conn, IReadOnlyList<string> emails, CancellationToken ct)
    {
        var cards = new List<PastScorecard>();
        await using var cmd = new NpgsqlCommand(
            """
            SELECT lower(s.panelist_email), extract(epoch FROM s.submitted_at - i.ends_at) / 3600.0
            FROM scorecards s JOIN interviews i ON i.id = s.interview_id
            WHERE i.status <> 'Cancelled' AND lower(s.panelist_email) = ANY($1)
            """, conn);
        cmd.Parameters.Add(new() { Value = emails.Select(e => e.ToLowerInvariant()).ToArray() });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) cards.Add(new PastScorecard(r.GetString(0), Math.Max(0, Convert.ToDouble(r.GetValue(1), System.Globalization.CultureInfo.InvariantCulture))));
        return cards;
    }

    /// <summary>Marks the digest posted; false when it already was (another node, an earlier firing).</summary>
    public static async Task<bool> MarkDigestPostedAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid loopId, DateTimeOffset at, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("UPDATE loops SET digest_posted_at = $2 WHERE id = $1 AND digest_posted_at IS NULL", conn, tx);
        cmd.Parameters.Add(new() { Value = loopId });
        cmd.Parameters.Add(new() { Value = at });
        return await cmd.ExecuteNonQueryAsync(ct) == 1;
    }

    public static async Task DecideAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid loopId, LoopState state, string decision, string reason,
        string decidedBy, DateTimeOffset at, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            "UPDATE loops SET state = $2, decision = $3, decision_reason = $4, decided_by = $5, decided_at = $6, updated_at = $6 WHERE id = $1", conn, tx);
        cmd.Parameters.Add(new() { Value = loopId });
        cmd.Parameters.Add(new() { Value = state.ToString() });
        cmd.Parameters.Add(new() { Value = decision });
        cmd.Parameters.Add(new() { Value = reason });
        cmd.Parameters.Add(new() { Value = decidedBy });
        cmd.Parameters.Add(new() { Value = at });
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
