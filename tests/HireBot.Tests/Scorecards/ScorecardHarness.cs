using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HireBot.Hiring;
using HireBot.Tests.Support;
using Npgsql;
using Quartz;

namespace HireBot.Tests.Scorecards;

/// <summary>One interview to insert: its round, scoring panelists, shadows, and whether it already ended.</summary>
public sealed record InterviewSpec(string Round, string[] Panelists, string[]? Shadows = null, bool Completed = true);

/// <summary>A loop set up for a test: the candidate's email, the loop and its interviews in the order given.</summary>
public sealed record TestLoop(string Role, string Candidate, Guid LoopId, Guid[] Interviews);

/// <summary>
/// Drives the real host through the local channel: the role and candidate are created with
/// commands, as a recruiter would; interviews are inserted with SQL, as the scheduling feature
/// books them, and end either already completed or through the real <see cref="InterviewEndedJob"/>.
/// </summary>
public static class ScorecardHarness
{
    public const string Recruiter = "rita@example.com";
    public const string Manager = "mona@example.com";

    public static readonly Dictionary<string, string[]> Focus = new()
    {
        ["screen"] = ["data-modeling", "api-design", "reliability"],
        ["behavioral"] = ["collaboration", "ownership", "growth"],
    };

    public static async Task<TestLoop> NewLoopAsync(this BotApp bot, string role, params InterviewSpec[] interviews)
    {
        await Say(bot, Recruiter, $"role create {role} \"Senior Backend Engineer\" channel hiring-{role}");
        await Say(bot, Recruiter, $"role add {role} manager {Manager}");
        var candidate = $"cand-{role}@example.com";
        await Say(bot, Recruiter, $"candidate add {role} {candidate} Ada {role}");
        await using var conn = await bot.Db.OpenConnectionAsync();
        await using var find = new NpgsqlCommand(
            "UPDATE loops l SET state = 'InProgress' FROM candidates c WHERE c.id = l.candidate_id AND c.email = $1 RETURNING l.id", conn);
        find.Parameters.Add(new() { Value = candidate });
        var loopId = (Guid)(await find.ExecuteScalarAsync())!;
        var ids = new List<Guid>();
        var start = TestClock.Now.AddHours(-3);
        foreach (var (spec, i) in interviews.Select((s, i) => (s, i)))
        {
            var id = Guid.CreateVersion7();
            ids.Add(id);
            await using var cmd = new NpgsqlCommand(
                "INSERT INTO interviews (id, loop_id, round_id, starts_at, ends_at, status, org_id) VALUES ($1, $2, $3, $4, $5, $6, '00000000-0000-0000-0000-000000000001')", conn);
            cmd.Parameters.Add(new() { Value = id });
            cmd.Parameters.Add(new() { Value = loopId });
            cmd.Parameters.Add(new() { Value = spec.Round });
            cmd.Parameters.Add(new() { Value = start.AddMinutes(60 * i) });
            cmd.Parameters.Add(new() { Value = start.AddMinutes(60 * i + 45) });
            cmd.Parameters.Add(new() { Value = spec.Completed ? "Completed" : "Scheduled" });
            await cmd.ExecuteNonQueryAsync();
            foreach (var (email, shadow) in spec.Panelists.Select(p => (p, false)).Concat((spec.Shadows ?? []).Select(s => (s, true))))
            {
                await using var p = new NpgsqlCommand("INSERT INTO interview_panelists (interview_id, email, is_shadow, org_id) VALUES ($1, $2, $3, '00000000-0000-0000-0000-000000000001')", conn);
                p.Parameters.Add(new() { Value = id });
                p.Parameters.Add(new() { Value = email });
                p.Parameters.Add(new() { Value = shadow });
                await p.ExecuteNonQueryAsync();
            }
        }
        return new TestLoop(role, candidate, loopId, ids.ToArray());
    }

    /// <summary>Ends an interview the way production does: a Quartz trigger firing InterviewEndedJob now.</summary>
    public static async Task EndInterviewAsync(this BotApp bot, Guid interviewId)
    {
        var scheduler = await bot.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        using var org = HireBot.Organisations.OrgScope.Enter(HireBot.Organisations.OrgScope.Default); // tests act as the default organisation
        await InterviewJobs.ScheduleAsync(scheduler, interviewId, TestClock.Now, default);
        var deadline = TestClock.UtcNow.AddSeconds(30);
        while (await bot.ScalarAsync<string>("SELECT status FROM interviews WHERE id = $1", interviewId) != "Completed")
        {
            Assert.True(TestClock.UtcNow < deadline, "InterviewEndedJob did not run within 30 s.");
            await Task.Delay(100);
        }
    }

    public static Task<JsonObject> ActAsync(this BotApp bot, string from, string verb, JsonObject data) => bot.ClickAsync(from, verb, data);

    /// <summary>A complete, valid scorecard for the round, every rating <paramref name="rating"/>.</summary>
    public static JsonObject Filled(Guid interviewId, string round, int rating, string recommendation = "yes", string? redFlags = null)
    {
        var data = new JsonObject { ["interviewId"] = interviewId.ToString(), ["recommendation"] = recommendation };
        foreach (var c in Focus[round])
        {
            data[$"rating.{c}"] = rating.ToString(CultureInfo.InvariantCulture);
            data[$"evidence.{c}"] = $"Walked through {c} with a concrete example from their last job.";
        }
        if (redFlags is not null) data["redFlags"] = redFlags;
        return data;
    }

    public static async Task<T?> ScalarAsync<T>(this BotApp bot, string sql, params object[] args)
    {
        await using var cmd = bot.Db.CreateCommand(sql);
        foreach (var a in args) cmd.Parameters.Add(new() { Value = a });
        var value = await cmd.ExecuteScalarAsync();
        return value is DBNull or null ? default : (T)value;
    }

    public static string Text(JsonObject reply) => reply["data"]!["text"]?.GetValue<string>() ?? reply["data"]!.ToJsonString();

    public static bool IsError(JsonObject reply) => reply["isError"]!.GetValue<bool>();

    private static async Task Say(BotApp bot, string from, string text)
    {
        var reply = await bot.SayAsync(from, text);
        Assert.False(IsError(reply), $"`{text}` failed: {Text(reply)}");
    }
}
