using System.Text.Json;
using HireBot.Core.Loops;
using HireBot.Core.Scheduling;
using Npgsql;

namespace HireBot.Scheduling;

/// <summary>
/// SQL of booked interviews. <see cref="LockAsync"/> opens the transaction of a booking,
/// reschedule or cancel: it locks the loop and reads its <see cref="LoopSnapshot"/>; the feature
/// asks <see cref="LoopBookings"/> what to do and commits the change through the <see cref="LockedLoop"/>.
/// </summary>
public sealed class BookingStore(HireBot.Organisations.OrgDb db, Quartz.ISchedulerFactory quartz)
{
    /// <summary>The loop locked with its snapshot taken at <paramref name="now"/> for <paramref name="actor"/>, or null when it does not exist.</summary>
    public async Task<LockedLoop?> LockAsync(Guid loopId, string actor, DateTimeOffset now, CancellationToken ct)
    {
        var scheduler = await quartz.GetScheduler(ct);
        var conn = await db.OpenConnectionAsync(ct);
        NpgsqlTransaction? tx = null;
        try
        {
            tx = await conn.BeginTransactionAsync(ct);
            var state = await SchedulingStore.LockLoopAsync(conn, tx, loopId, ct);
            if (state is not null)
            {
                var snapshot = new LoopSnapshot(loopId, state.Value, await OfferedAsync(conn, tx, loopId, ct),
                    await BookedAsync(conn, tx, loopId, ct), now, actor);
                return new LockedLoop(conn, tx, snapshot, scheduler);
            }
        }
        catch
        {
            if (tx is not null) await tx.DisposeAsync();
            await conn.DisposeAsync();
            throw;
        }
        await tx.DisposeAsync();
        await conn.DisposeAsync();
        return null;
    }

    /// <summary>The options of the loop's latest proposal run, by number.</summary>
    private static async Task<Dictionary<int, ScheduleOption>> OfferedAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid loopId, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            """
            SELECT option_no, option::text FROM schedule_proposals
            WHERE loop_id = $1 AND option_no / $2 = (SELECT max(option_no) / $2 FROM schedule_proposals WHERE loop_id = $1)
            """, conn, tx);
        cmd.Parameters.Add(new() { Value = loopId });
        cmd.Parameters.Add(new() { Value = SchedulingStore.RunSize });
        var offered = new Dictionary<int, ScheduleOption>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            offered[reader.GetInt32(0)] = JsonSerializer.Deserialize<ScheduleOption>(reader.GetString(1), SchedulingStore.Json)!;
        return offered;
    }

    /// <summary>The loop's booked interviews with their panels, in the caller's transaction (decide's, or a locked loop's).</summary>
    public static Task<IReadOnlyList<BookedInterview>> BookedAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid loopId, CancellationToken ct) =>
        QueryAsync(conn, tx, "i.loop_id = $1", loopId, ct);

    /// <summary>The booked interview, its row locked for the rest of the transaction; null when it is not booked (any more).</summary>
    public static async Task<BookedInterview?> LockAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid interviewId, CancellationToken ct)
    {
        await using (var lockRow = new NpgsqlCommand("SELECT 1 FROM interviews WHERE id = $1 FOR UPDATE", conn, tx))
        {
            lockRow.Parameters.Add(new() { Value = interviewId });
            await lockRow.ExecuteNonQueryAsync(ct);
        }
        return await QueryAsync(conn, tx, "i.id = $1", interviewId, ct) is [var booked, ..] ? booked : null;
    }

    private static async Task<IReadOnlyList<BookedInterview>> QueryAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string where, object arg, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(Query(where), conn, tx);
        cmd.Parameters.Add(new() { Value = arg });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await ReadAsync(reader, ct);
    }

    /// <summary>The loop's booked interviews (status Scheduled) with their panels.</summary>
    public Task<IReadOnlyList<BookedInterview>> ScheduledAsync(Guid loopId, CancellationToken ct) =>
        QueryAsync("i.loop_id = $1", loopId, ct);

    public async Task<BookedInterview?> FindAsync(Guid interviewId, CancellationToken ct) =>
        await QueryAsync("i.id = $1", interviewId, ct) is [var booked, ..] ? booked : null;

    /// <summary>Booked interviews starting after <paramref name="after"/> that have a calendar event (the decline watch list).</summary>
    public Task<IReadOnlyList<BookedInterview>> UpcomingWithEventsAsync(DateTimeOffset after, CancellationToken ct) =>
        QueryAsync("i.starts_at > $1 AND i.calendar_event_id IS NOT NULL", after, ct);

    public async Task SetEventAsync(Guid interviewId, string eventId, string? joinUrl, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("UPDATE interviews SET calendar_event_id = $2, join_url = $3 WHERE id = $1");
        cmd.Parameters.Add(new() { Value = interviewId });
        cmd.Parameters.Add(new() { Value = eventId });
        cmd.Parameters.Add(new() { Value = (object?)joinUrl ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private async Task<IReadOnlyList<BookedInterview>> QueryAsync(string where, object arg, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(Query(where));
        cmd.Parameters.Add(new() { Value = arg });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await ReadAsync(reader, ct);
    }

    private static string Query(string where) =>
        $"""
        SELECT i.id, i.loop_id, i.round_id, i.starts_at, i.ends_at, i.calendar_event_id, p.email, p.is_shadow, p.response,
            {CalendarEffects.AttendeesStaleSql}
        FROM interviews i LEFT JOIN interview_panelists p ON p.interview_id = i.id
        WHERE i.status = 'Scheduled' AND {where} ORDER BY i.starts_at, i.id, p.is_shadow, p.email
        """;

    private static async Task<IReadOnlyList<BookedInterview>> ReadAsync(NpgsqlDataReader reader, CancellationToken ct)
    {
        var list = new List<BookedInterview>();
        while (await reader.ReadAsync(ct))
        {
            var id = reader.GetGuid(0);
            if (list.Count == 0 || list[^1].Id != id)
                list.Add(new BookedInterview(id, reader.GetGuid(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3),
                    reader.GetFieldValue<DateTimeOffset>(4), reader.IsDBNull(5) ? null : reader.GetString(5), new List<BookedPanelist>(), reader.GetBoolean(9)));
            if (!reader.IsDBNull(6))
                ((List<BookedPanelist>)list[^1].Panelists).Add(new BookedPanelist(reader.GetString(6), reader.GetBoolean(7), reader.GetString(8)));
        }
        return list;
    }
}
