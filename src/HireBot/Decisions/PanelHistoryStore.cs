using HireBot.Core.Decisions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace HireBot.Decisions;

/// <summary>
/// Reads the organisation's rating history for calibration and variance priors, bounded: the latest
/// <see cref="DecisionPolicy.HistoryMaxScorecards"/> scorecards submitted within the last
/// <see cref="DecisionPolicy.HistoryMonths"/> months (index <c>scorecards_org_submitted</c>), so a
/// digest's cost does not grow with the organisation's age. <see cref="Loads"/> counts reads, so a
/// test can see that one digest or submission reads it once.
/// </summary>
public sealed class PanelHistoryStore(IOptions<DecisionPolicy> policy, TimeProvider clock)
{
    private long _loads;

    /// <summary>How many times the history has been read since start.</summary>
    public long Loads => Interlocked.Read(ref _loads);

    /// <summary>Priors and interviewers' leniency for assessing <paramref name="loopId"/>, from other loops only.</summary>
    public async Task<PanelHistory> ForLoopAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, Guid loopId, CancellationToken ct) =>
        PanelHistory.From(await LoadAsync(conn, tx, loopId, ct), policy.Value, loopId);

    /// <summary>
    /// Every rating of the bounded history's scorecards, except <paramref name="excludeLoopId"/>'s. The
    /// connection is the organisation's (OrgDb, row-level security), so this is the organisation's
    /// history only; amended scorecards count once, at their latest version.
    /// </summary>
    public async Task<IReadOnlyList<PastRating>> LoadAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, Guid? excludeLoopId, CancellationToken ct)
    {
        Interlocked.Increment(ref _loads);
        var ratings = new List<PastRating>();
        await using var cmd = new NpgsqlCommand(
            """
            WITH recent AS (
                SELECT s.panelist_email, s.ratings, i.loop_id
                FROM scorecards s JOIN interviews i ON i.id = s.interview_id
                WHERE i.status <> 'Cancelled' AND ($1::uuid IS NULL OR i.loop_id <> $1) AND s.submitted_at >= $2
                ORDER BY s.submitted_at DESC
                LIMIT $3)
            SELECT lower(h.panelist_email), h.loop_id, r.competency, r.rating
            FROM recent h,
                 LATERAL (SELECT e->>'competencyId' AS competency, (e->>'rating')::int AS rating
                          FROM jsonb_array_elements(h.ratings) e) r
            WHERE r.competency IS NOT NULL AND r.rating IS NOT NULL
            """, conn, tx);
        cmd.Parameters.Add(new() { Value = (object?)excludeLoopId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
        cmd.Parameters.Add(new() { Value = clock.GetUtcNow().AddMonths(-policy.Value.HistoryMonths) });
        cmd.Parameters.Add(new() { Value = policy.Value.HistoryMaxScorecards });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) ratings.Add(new PastRating(r.GetString(0), r.GetGuid(1), r.GetString(2), r.GetInt32(3)));
        return ratings;
    }
}
