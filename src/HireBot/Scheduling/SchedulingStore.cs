using System.Text.Json;
using HireBot.Core;
using HireBot.Core.Loops;
using HireBot.Core.Scheduling;
using Npgsql;

namespace HireBot.Scheduling;

/// <summary>
/// SQL the scheduling flow reads before it plans, and the proposals it stores. Proposals are
/// numbered run × 100 + rank, so a new proposal run never reuses the number of an option on an
/// older card: a click on a stale card finds an option that is no longer current.
/// </summary>
public sealed class SchedulingStore(HireBot.Organisations.OrgDb db)
{
    public const int RunSize = 100;
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>People rows by email (case-insensitive); someone without a row gets <see cref="PersonRow.Default"/>.</summary>
    public Task<Dictionary<string, PersonRow>> PeopleAsync(IEnumerable<string> emails, CancellationToken ct) => ReadPeopleAsync(emails, true, ct);

    /// <summary>Only the people who have a row.</summary>
    public Task<Dictionary<string, PersonRow>> KnownPeopleAsync(IEnumerable<string> emails, CancellationToken ct) => ReadPeopleAsync(emails, false, ct);

    private async Task<Dictionary<string, PersonRow>> ReadPeopleAsync(IEnumerable<string> emails, bool fillMissing, CancellationToken ct)
    {
        var wanted = Wanted(emails);
        await using var cmd = db.CreateCommand(PeopleSql);
        cmd.Parameters.Add(new() { Value = wanted });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await ReadPeopleAsync(reader, wanted, fillMissing, ct);
    }

    /// <summary>People rows by email (someone without a row gets <see cref="PersonRow.Default"/>), in the caller's transaction.</summary>
    internal static async Task<Dictionary<string, PersonRow>> PeopleAsync(NpgsqlConnection conn, NpgsqlTransaction tx, IEnumerable<string> emails, CancellationToken ct)
    {
        var wanted = Wanted(emails);
        await using var cmd = new NpgsqlCommand(PeopleSql, conn, tx);
        cmd.Parameters.Add(new() { Value = wanted });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await ReadPeopleAsync(reader, wanted, fillMissing: true, ct);
    }

    private const string PeopleSql =
        "SELECT lower(email), display_name, time_zone, work_days, work_start, work_end, days_off FROM people WHERE lower(email) = ANY($1)";

    private static string[] Wanted(IEnumerable<string> emails) => [.. emails.Select(e => e.ToLowerInvariant()).Distinct()];

    private static async Task<Dictionary<string, PersonRow>> ReadPeopleAsync(NpgsqlDataReader reader, string[] wanted, bool fillMissing, CancellationToken ct)
    {
        var found = new Dictionary<string, PersonRow>(StringComparer.OrdinalIgnoreCase);
        while (await reader.ReadAsync(ct))
        {
            // work_days holds ISO weekday numbers (1 = Monday … 7 = Sunday); 0 is read as Sunday too.
            var days = reader.GetFieldValue<int[]>(3).Select(d => (DayOfWeek)(d % 7)).Distinct().ToList();
            found[reader.GetString(0)] = new PersonRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), days,
                reader.GetFieldValue<TimeOnly>(4), reader.GetFieldValue<TimeOnly>(5), reader.GetFieldValue<DateOnly[]>(6));
        }
        if (fillMissing) foreach (var email in wanted) found.TryAdd(email, PersonRow.Default(email));
        return found;
    }

    /// <summary>Start times of each person's booked (not cancelled) interviews around the window, for weekly load.</summary>
    public async Task<ILookup<string, DateTimeOffset>> BookedStartsAsync(IEnumerable<string> emails, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(
            """
            SELECT lower(p.email), i.starts_at FROM interview_panelists p JOIN interviews i ON i.id = p.interview_id
            WHERE lower(p.email) = ANY($1) AND i.status <> 'Cancelled' AND NOT p.is_shadow AND i.starts_at >= $2 AND i.starts_at < $3
            """);
        cmd.Parameters.Add(new() { Value = emails.Select(e => e.ToLowerInvariant()).Distinct().ToArray() });
        // A week either side, so an ISO week cut by the window still counts all its interviews.
        cmd.Parameters.Add(new() { Value = from.AddDays(-7) });
        cmd.Parameters.Add(new() { Value = to.AddDays(7) });
        var rows = new List<(string, DateTimeOffset)>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) rows.Add((reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1)));
        return rows.ToLookup(r => r.Item1, r => r.Item2, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Rounds of the loop that stay booked or already happened, so a reschedule leaves them alone.</summary>
    public async Task<HashSet<string>> KeptRoundsAsync(Guid loopId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("SELECT DISTINCT round_id FROM interviews WHERE loop_id = $1 AND status IN ('Scheduled', 'Completed')");
        cmd.Parameters.Add(new() { Value = loopId });
        var kept = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) kept.Add(reader.GetString(0));
        return kept;
    }

    /// <summary>
    /// Moves the loop to Scheduling (locking it first) and stores the options as a new run.
    /// Returns the option numbers in rank order, or the state machine's refusal.
    /// </summary>
    public async Task<Outcome<IReadOnlyList<int>>> ProposeAsync(Guid loopId, IReadOnlyList<ScheduleOption> options, DateTimeOffset now, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var state = await LockLoopAsync(conn, tx, loopId, ct);
        if (state is null) return Outcome<IReadOnlyList<int>>.Fail("That loop no longer exists.");
        var moved = LoopStateMachine.Apply(state.Value, LoopEvent.ScheduleRequested);
        if (!moved.IsOk) return Outcome<IReadOnlyList<int>>.Fail(moved.Error!);
        await SetStateAsync(conn, tx, loopId, moved.Value, now, ct);

        int run;
        await using (var max = new NpgsqlCommand("SELECT coalesce(max(option_no), 0) FROM schedule_proposals WHERE loop_id = $1", conn, tx))
        {
            max.Parameters.Add(new() { Value = loopId });
            run = (int)(await max.ExecuteScalarAsync(ct))! / RunSize + 1;
        }
        var numbers = new List<int>();
        foreach (var option in options)
        {
            var number = run * RunSize + option.Rank;
            await using var insert = new NpgsqlCommand("INSERT INTO schedule_proposals (loop_id, option_no, option) VALUES ($1, $2, $3)", conn, tx);
            insert.Parameters.Add(new() { Value = loopId });
            insert.Parameters.Add(new() { Value = number });
            insert.Parameters.Add(new() { Value = JsonSerializer.Serialize(option, Json), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Jsonb });
            await insert.ExecuteNonQueryAsync(ct);
            numbers.Add(number);
        }
        await tx.CommitAsync(ct);
        return numbers;
    }

    /// <summary>Locks the loop row for the rest of the transaction and returns its state (null when missing).</summary>
    internal static async Task<LoopState?> LockLoopAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid loopId, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT state FROM loops WHERE id = $1 FOR UPDATE", conn, tx);
        cmd.Parameters.Add(new() { Value = loopId });
        return await cmd.ExecuteScalarAsync(ct) is string state ? Enum.Parse<LoopState>(state) : null;
    }

    internal static async Task SetStateAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid loopId, LoopState state, DateTimeOffset now, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("UPDATE loops SET state = $2, updated_at = $3 WHERE id = $1", conn, tx);
        cmd.Parameters.Add(new() { Value = loopId });
        cmd.Parameters.Add(new() { Value = state.ToString() });
        cmd.Parameters.Add(new() { Value = now });
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
