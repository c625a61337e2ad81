using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HireBot.Tests.Support;

namespace HireBot.Tests.Scheduling;

/// <summary>
/// A role made through the bot's own commands, with interviewers in its pools and one candidate,
/// and small helpers to click card buttons and read the database.
/// </summary>
internal sealed class LoopSetup(BotApp bot, string slug)
{
    public const string Recruiter = "rita@example.com";
    public string Candidate => $"ada.{slug}@example.com";
    public string Backend(int i) => $"backend{i}.{slug}@example.com";
    public string Senior(int i) => $"senior{i}.{slug}@example.com";
    public string Behavioral => $"behave.{slug}@example.com";

    /// <summary>Creates the role; <paramref name="staffed"/> false leaves every pool empty.</summary>
    public async Task CreateAsync(bool staffed = true)
    {
        await Ok(await bot.SayAsync(Recruiter, $"role create {slug} \"Backend Engineer\""));
        if (staffed)
        {
            foreach (var i in new[] { 1, 2, 3, 4 }) await Ok(await bot.SayAsync(Recruiter, $"role add {slug} interviewer {Backend(i)} pool backend"));
            foreach (var i in new[] { 1, 2 }) await Ok(await bot.SayAsync(Recruiter, $"role add {slug} interviewer {Senior(i)} pool senior-backend"));
            await Ok(await bot.SayAsync(Recruiter, $"role add {slug} interviewer {Behavioral} pool behavioral"));
        }
        await Ok(await bot.SayAsync(Recruiter, $"candidate add {slug} {Candidate} Ada Lovelace"));
    }

    /// <summary>
    /// A new team's first role: five interviewers (two backend, two senior, one behavioral: too few
    /// for distinct panels, so someone sits two rounds), every calendar empty.
    /// </summary>
    public async Task CreateFiveAsync()
    {
        await Ok(await bot.SayAsync(Recruiter, $"role create {slug} \"Backend Engineer\""));
        foreach (var i in new[] { 1, 2 }) await Ok(await bot.SayAsync(Recruiter, $"role add {slug} interviewer {Backend(i)} pool backend"));
        foreach (var i in new[] { 1, 2 }) await Ok(await bot.SayAsync(Recruiter, $"role add {slug} interviewer {Senior(i)} pool senior-backend"));
        await Ok(await bot.SayAsync(Recruiter, $"role add {slug} interviewer {Behavioral} pool behavioral"));
        await Ok(await bot.SayAsync(Recruiter, $"candidate add {slug} {Candidate} Ada Lovelace"));
    }

    public IEnumerable<string> Interviewers => [Backend(1), Backend(2), Backend(3), Backend(4), Senior(1), Senior(2), Behavioral];

    public Task<JsonObject> ClickAsync(string from, string verb, JsonObject data) => bot.ClickAsync(from, verb, data);

    public Task<JsonObject> PickAsync(string from, JsonObject card, int index = 0) => ClickAsync(from, "schedule.pick", new JsonObject
    {
        ["loopId"] = card["data"]!["loopId"]!.GetValue<string>(),
        ["optionId"] = card["data"]!["options"]![index]!["optionId"]!.GetValue<string>(),
    });

    /// <summary>Schedules with the default window and books the best option.</summary>
    /// <param name="window">A <c>between … and …</c> clause, or none for the default window.</param>
    public async Task<JsonObject> BookAsync(string? window = null)
    {
        var card = await bot.SayAsync(Recruiter, $"schedule {Candidate}{(window is null ? "" : " " + window)}");
        Assert.Equal("schedule-options", card["kind"]!.GetValue<string>());
        await Ok(await PickAsync(Recruiter, card));
        await CalendarSettledAsync();
        return card;
    }

    /// <summary>
    /// Waits until the calendar changes written so far (outbox rows the calendar client carries
    /// out after the booking, cancellation or replacement committed) are done or failed for good.
    /// </summary>
    public async Task CalendarSettledAsync(int seconds = 30)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        // "Due within a minute" on the bot's clock, which sets not_before on a retry; the database's
        // now() is the machine's, days behind a test clock started later in the week.
        while (await ScalarAsync<long>("SELECT count(*) FROM outbox WHERE idempotency_key LIKE 'calendar-%' AND status IN ('pending', 'sending') AND not_before <= $1",
                   bot.Clock.GetUtcNow().AddMinutes(1)) > 0)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(seconds), "the calendar changes were not carried out in time");
            await Task.Delay(25);
        }
    }

    public async Task<T> ScalarAsync<T>(string sql, params object[] args)
    {
        await using var cmd = bot.Db.CreateCommand(sql);
        foreach (var a in args) cmd.Parameters.Add(new() { Value = a });
        return (T)(await cmd.ExecuteScalarAsync())!;
    }

    public async Task<List<object[]>> RowsAsync(string sql, params object[] args)
    {
        await using var cmd = bot.Db.CreateCommand(sql);
        foreach (var a in args) cmd.Parameters.Add(new() { Value = a });
        var rows = new List<object[]>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var row = new object[reader.FieldCount];
            reader.GetValues(row);
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>Rows of this candidate's interviews: id, round, starts, status, event id.</summary>
    public Task<List<object[]>> InterviewsAsync() => RowsAsync(
        """
        SELECT i.id, i.round_id, i.starts_at, i.status, i.calendar_event_id, i.join_url FROM interviews i
        JOIN loops l ON l.id = i.loop_id JOIN candidates c ON c.id = l.candidate_id WHERE c.email = $1 ORDER BY i.starts_at
        """, Candidate);

    public Task<string> LoopStateAsync() => ScalarAsync<string>(
        "SELECT l.state FROM loops l JOIN candidates c ON c.id = l.candidate_id WHERE c.email = $1 ORDER BY l.created_at DESC LIMIT 1", Candidate);

    public static string Text(JsonObject reply) => reply["data"]!["text"]!.GetValue<string>();

    public static Task Ok(JsonObject reply)
    {
        Assert.False(reply["isError"]!.GetValue<bool>(), reply["data"]?["text"]?.GetValue<string>());
        return Task.CompletedTask;
    }
}
