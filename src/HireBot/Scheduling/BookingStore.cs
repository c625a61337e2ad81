using System.Text.Json;
using HireBot.Core;
using HireBot.Core.Loops;
using HireBot.Core.Scheduling;
using HireBot.Outbox;
using Npgsql;

namespace HireBot.Scheduling;

/// <summary>
/// Books a proposed option in one transaction: lock the loop, check it is being scheduled and the
/// option belongs to the current proposal run, insert interviews and panels, move the loop to
/// Scheduled and queue the messages. A second pick finds the loop Scheduled and books nothing.
/// </summary>
public sealed class BookingStore(HireBot.Organisations.OrgDb db, Quartz.ISchedulerFactory quartz)
{
    /// <summary>Option <paramref name="optionNo"/> of the loop's latest proposal run, or null when it is not offered (any more).</summary>
    public async Task<ScheduleOption?> OfferedAsync(Guid loopId, int optionNo, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await OfferedAsync(conn, null, loopId, optionNo, ct);
    }

    private static async Task<ScheduleOption?> OfferedAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, Guid loopId, int optionNo, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            """
            SELECT option::text FROM schedule_proposals
            WHERE loop_id = $1 AND option_no = $2
              AND option_no / $3 = (SELECT max(option_no) / $3 FROM schedule_proposals WHERE loop_id = $1)
            """, conn, tx);
        cmd.Parameters.Add(new() { Value = loopId });
        cmd.Parameters.Add(new() { Value = optionNo });
        cmd.Parameters.Add(new() { Value = SchedulingStore.RunSize });
        return await cmd.ExecuteScalarAsync(ct) is string json ? JsonSerializer.Deserialize<ScheduleOption>(json, SchedulingStore.Json) : null;
    }

    /// <summary>
    /// Books <paramref name="option"/> (read with <see cref="OfferedAsync(Guid, int, CancellationToken)"/>, checked again
    /// here under the loop's lock) as interviews <paramref name="interviewIds"/>, with the messages
    /// the caller made for them and each interview's calendar invitation (<see cref="CalendarEffects.Create"/>).
    /// </summary>
    /// <returns>True when this call booked; false when the loop was already booked (a replayed pick).</returns>
    /// <param name="bookedBy">Who picked the option, recorded for <c>audit</c> with the booking.</param>
    public async Task<Outcome<bool>> BookAsync(Guid loopId, int optionNo, ScheduleOption option, IReadOnlyList<Guid> interviewIds, IReadOnlyList<OutboxMessage> messages,
        DateTimeOffset now, CancellationToken ct, string? bookedBy = null)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var state = await SchedulingStore.LockLoopAsync(conn, tx, loopId, ct);
        if (state is null) return Outcome<bool>.Fail("That loop no longer exists.");
        if (state is LoopState.Scheduled or LoopState.InProgress) return false;
        var moved = LoopStateMachine.Apply(state.Value, LoopEvent.OptionPicked);
        if (!moved.IsOk) return Outcome<bool>.Fail(moved.Error!);
        if (await OfferedAsync(conn, tx, loopId, optionNo, ct) is null)
            return Outcome<bool>.Fail("That option is no longer offered: use the latest schedule card, or run `schedule` again.");

        var ids = interviewIds;
        for (int i = 0; i < ids.Count; i++) await InsertAsync(conn, tx, ids[i], loopId, option.Rounds[i], ct);
        await SchedulingStore.SetStateAsync(conn, tx, loopId, moved.Value, now, ct);
        if (bookedBy is not null) await Privacy.AuditStore.RecordForLoopAsync(conn, tx, loopId, Privacy.AuditStore.Scheduled, bookedBy, now, ct);
        await OutboxStore.EnqueueAsync(conn, tx, [.. messages, .. ids.Select((id, i) => CalendarEffects.Create(id, loopId, option.Rounds[i].RoundId, bookedBy))], ct);
        // The interviews' start and end triggers are written in this transaction too: a booking
        // never exists without them (Quartz "Joining an existing transaction").
        var scheduler = await quartz.GetScheduler(ct);
        using (Quartz.SchedulerEnlistmentExtensions.EnlistTransaction(scheduler, tx))
        {
            for (var i = 0; i < ids.Count; i++)
                await Hiring.InterviewJobs.ScheduleAsync(scheduler, ids[i], option.Rounds[i].Start, option.Rounds[i].End, now, ct);
            await tx.CommitAsync(ct);
        }
        return true;
    }

    private static async Task InsertAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid id, Guid loopId, ScheduledRound round, CancellationToken ct)
    {
        await using (var cmd = new NpgsqlCommand(
            "INSERT INTO interviews (id, loop_id, round_id, starts_at, ends_at, status) VALUES ($1, $2, $3, $4, $5, 'Scheduled')", conn, tx))
        {
            foreach (var v in new object[] { id, loopId, round.RoundId, round.Start.ToUniversalTime(), round.End.ToUniversalTime() })
                cmd.Parameters.Add(new() { Value = v });
            await cmd.ExecuteNonQueryAsync(ct);
        }
        foreach (var (email, shadow) in round.Panelists.Select(p => (p, false)).Concat(round.Shadows.Select(s => (s, true))))
        {
            await using var cmd = new NpgsqlCommand(
                "INSERT INTO interview_panelists (interview_id, email, is_shadow) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING", conn, tx);
            cmd.Parameters.Add(new() { Value = id });
            cmd.Parameters.Add(new() { Value = email.ToLowerInvariant() });
            cmd.Parameters.Add(new() { Value = shadow });
            await cmd.ExecuteNonQueryAsync(ct);
        }
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
        await using var cmd = db.CreateCommand(
            $"""
            SELECT i.id, i.loop_id, i.round_id, i.starts_at, i.ends_at, i.calendar_event_id, p.email, p.is_shadow, p.response
            FROM interviews i LEFT JOIN interview_panelists p ON p.interview_id = i.id
            WHERE i.status = 'Scheduled' AND {where} ORDER BY i.starts_at, i.id, p.is_shadow, p.email
            """);
        cmd.Parameters.Add(new() { Value = arg });
        var list = new List<BookedInterview>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var id = reader.GetGuid(0);
            if (list.Count == 0 || list[^1].Id != id)
                list.Add(new BookedInterview(id, reader.GetGuid(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3),
                    reader.GetFieldValue<DateTimeOffset>(4), reader.IsDBNull(5) ? null : reader.GetString(5), new List<BookedPanelist>()));
            if (!reader.IsDBNull(6))
                ((List<BookedPanelist>)list[^1].Panelists).Add(new BookedPanelist(reader.GetString(6), reader.GetBoolean(7), reader.GetString(8)));
        }
        return list;
    }
}
