using HireBot.Tests.Support;
using HireBot.Nudges;
using Npgsql;
using NpgsqlTypes;

namespace HireBot.Tests.Nudges;

/// <summary>
/// Rows for nudge tests and the benchmark, written with SQL: one role, candidate and loop, and
/// <c>interviews</c> ended interviews with <c>panelists</c> each, every panelist with a plan whose
/// reminders are the given times. Shared with tests/HireBot.Bench by a linked compile item.
/// </summary>
public static class NudgeSeed
{
    public sealed record Pair(Guid InterviewId, string Email);

    public static async Task<(Guid LoopId, List<Pair> Pairs)> SeedAsync(NpgsqlDataSource db, string tag, int interviews, int panelists,
        Func<int, DateTimeOffset[]> reminders, DateTimeOffset? escalationsAt = null)
    {
        var roleId = Guid.NewGuid();
        var candidateId = Guid.NewGuid();
        var loopId = Guid.NewGuid();
        await using var conn = await db.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        // A real template (the built-in one shipped beside the binary): the bot reads the role whenever someone acts on the loop.
        var template = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "templates", "backend-engineer.json"));
        await ExecAsync(conn, tx, "INSERT INTO roles (id, slug, template, recruiters, hiring_managers, org_id) VALUES ($1, $2, $5::jsonb, $3, $4, '00000000-0000-0000-0000-000000000001')",
            roleId, "role-" + tag, new[] { $"rec-{tag}@example.com" }, new[] { $"hm-{tag}@example.com" }, template);
        await ExecAsync(conn, tx, "INSERT INTO candidates (id, role_id, email, name, org_id) VALUES ($1, $2, $3, 'Ada Candidate', '00000000-0000-0000-0000-000000000001')", candidateId, roleId, $"cand-{tag}@example.com");
        await ExecAsync(conn, tx, "INSERT INTO loops (id, candidate_id, state, org_id) VALUES ($1, $2, 'AwaitingFeedback', '00000000-0000-0000-0000-000000000001')", loopId, candidateId);
        var pairs = new List<Pair>();
        var far = escalationsAt ?? TestClock.Now.AddDays(30);
        for (var i = 0; i < interviews; i++)
        {
            var interviewId = Guid.NewGuid();
            var ended = TestClock.Now.AddHours(-2);
            await ExecAsync(conn, tx, "INSERT INTO interviews (id, loop_id, round_id, starts_at, ends_at, status, org_id) VALUES ($1, $2, 'tech', $3, $4, 'Completed', '00000000-0000-0000-0000-000000000001')",
                interviewId, loopId, ended.AddHours(-1), ended);
            for (var p = 0; p < panelists; p++)
            {
                var pair = new Pair(interviewId, $"p{p}-{i}-{tag}@example.com");
                await ExecAsync(conn, tx, "INSERT INTO interview_panelists (interview_id, email, org_id) VALUES ($1, $2, '00000000-0000-0000-0000-000000000001')", interviewId, pair.Email);
                await using var plan = new NpgsqlCommand(
                    "INSERT INTO nudge_plans (interview_id, email, reminders, recruiter_at, manager_at, deadline, org_id) VALUES ($1, $2, $3, $4, $4, $4, '00000000-0000-0000-0000-000000000001')", conn, tx);
                plan.Parameters.Add(new() { Value = interviewId });
                plan.Parameters.Add(new() { Value = pair.Email });
                plan.Parameters.Add(new() { Value = reminders(pairs.Count), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
                plan.Parameters.Add(new() { Value = far });
                await plan.ExecuteNonQueryAsync();
                pairs.Add(pair);
            }
        }
        await tx.CommitAsync();
        return (loopId, pairs);
    }

    /// <summary>Writes each pair's reminder (and escalation) events as the plan step would, in one transaction.</summary>
    public static async Task ScheduleAsync(NpgsqlDataSource db, IEnumerable<Pair> pairs, Func<int, DateTimeOffset[]> reminders, bool escalations = false, DateTimeOffset? escalationsAt = null)
    {
        await using var conn = await db.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        // The rows the plan step writes belong to the transaction's organisation: the default one, as the seeded loop.
        await using (var org = new NpgsqlCommand("SELECT set_config('hirebot.org_id', '00000000-0000-0000-0000-000000000001', true)", conn, tx))
            await org.ExecuteNonQueryAsync();
        var i = 0;
        foreach (var pair in pairs)
        {
            var events = reminders(i++).Select((at, n) => NudgeEvent.Reminder(n + 1, at));
            if (escalations)
                events = events.Append(new NudgeEvent(NudgeEvent.Recruiter, escalationsAt!.Value)).Append(new NudgeEvent(NudgeEvent.Manager, escalationsAt.Value));
            await NudgeEventStore.SaveAsync(conn, tx, pair.InterviewId, pair.Email, events.ToList(), CancellationToken.None);
        }
        await tx.CommitAsync();
    }

    private static async Task ExecAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string sql, params object[] args)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        foreach (var a in args) cmd.Parameters.Add(new() { Value = a });
        await cmd.ExecuteNonQueryAsync();
    }
}
