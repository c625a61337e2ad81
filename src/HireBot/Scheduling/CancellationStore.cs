using HireBot.Outbox;
using Npgsql;

namespace HireBot.Scheduling;

/// <summary>
/// The SQL half of forgetting a candidate's booked interviews (<see cref="Privacy.CandidateEraser"/>).
/// Reschedule, cancel and decide go through <see cref="Core.Loops.LoopBookings"/> and
/// <see cref="LoopEffectStore"/> instead.
/// </summary>
public static class CancellationStore
{
    /// <summary>
    /// Marks the loop's booked interviews cancelled (all, or those starting after an instant) and
    /// withdraws their kits not yet sent, in the caller's transaction.
    /// </summary>
    public static async Task<List<CancelledInterview>> CancelBookedAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid loopId,
        DateTimeOffset? onlyStartingAfter, CancellationToken ct)
    {
        var cancelled = new List<CancelledInterview>();
        await using (var cmd = new NpgsqlCommand(
            """
            UPDATE interviews SET status = 'Cancelled'
            WHERE loop_id = $1 AND status = 'Scheduled' AND ($2::timestamptz IS NULL OR starts_at > $2)
            RETURNING id, calendar_event_id
            """, conn, tx))
        {
            cmd.Parameters.Add(new() { Value = loopId });
            cmd.Parameters.Add(new() { Value = (object?)onlyStartingAfter ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                cancelled.Add(new CancelledInterview(reader.GetGuid(0), reader.IsDBNull(1) ? null : reader.GetString(1)));
        }

        // A kit queued for the day before a cancelled round must not reach the panelist.
        await OutboxStore.WithdrawAsync(conn, tx, cancelled.Select(c => $"kit:{c.InterviewId}:%").ToList(), "the interview was cancelled", ct);
        return cancelled;
    }
}
