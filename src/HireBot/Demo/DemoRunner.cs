using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HireBot.Hiring;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Npgsql;
using Quartz;

namespace HireBot.Demo;

/// <summary>
/// <c>dotnet run --project src/HireBot -- demo</c>: plays one whole loop in local mode through
/// the real code paths (HTTP to the local channel, the scheduler on the local calendar, Quartz
/// firing the interview-ended jobs, the outbox delivering) on a throwaway database, and prints
/// every message as the person receiving it would read it.
/// </summary>
public static class DemoRunner
{
    private const string Recruiter = "rita@example.com";
    private const string Manager = "mona@example.com";
    private const string Candidate = "ada@example.com";
    private const string Late = "bea@example.com";

    private static readonly (string Email, string Name, string Zone, string Pool)[] Panel =
    [
        ("pat@example.com", "Pat", "America/New_York", "backend"), ("pia@example.com", "Pia", "Europe/Berlin", "backend"),
        ("raj@example.com", "Raj", "Asia/Kolkata", "backend"), ("sam@example.com", "Sam", "Europe/Berlin", "senior-backend"),
        ("sue@example.com", "Sue", "Europe/London", "senior-backend"), (Late, "Bea", "Europe/London", "behavioral"),
    ];

    public static async Task<int> RunAsync(CancellationToken ct)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"hirebot-demo-{Environment.ProcessId}");
        var app = await HireBotHost.BuildAsync([], new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0", ["Database:DataDirectory"] = dir, ["Database:Throwaway"] = "true",
            ["Logging:LogLevel:Default"] = "Warning", ["Outbox:PollMilliseconds"] = "50", ["Nudges:FirstAfterMinutes"] = "0.1",
        }, ct: ct);
        await app.StartAsync(ct);
        try
        {
            var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var http = new HttpClient { BaseAddress = new Uri(url) };
            try
            {
                await new DemoScript(http, app.Services).PlayAsync(ct);
                return 0;
            }
            catch (InvalidOperationException e)
            {
                Console.Error.WriteLine($"Demo failed: {e.Message}");
                return 1;
            }
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private sealed class DemoScript(HttpClient http, IServiceProvider services)
    {
        private long _seen;
        private readonly List<LocalMessage> _printed = [];
        private readonly NpgsqlDataSource _db = services.GetRequiredService<NpgsqlDataSource>();

        public async Task PlayAsync(CancellationToken ct)
        {
            Step("A recruiter sets up the role from the built-in backend template");
            var people = services.GetRequiredService<PeopleStore>();
            using var org = Organisations.OrgScope.Enter(Organisations.OrgScope.Default); // the local channel's organisation
            await people.EnsureAsync(Recruiter, "Rita (recruiter)", "Europe/Berlin", ct);
            foreach (var p in Panel) await people.EnsureAsync(p.Email, p.Name, p.Zone, ct);
            await SayAsync(Recruiter, "role create be-sr \"Senior Backend Engineer\" channel #hiring");
            await SayAsync(Recruiter, $"role add be-sr manager {Manager}");
            foreach (var p in Panel) await SayAsync(Recruiter, $"role add be-sr interviewer {p.Email} pool {p.Pool}", quiet: true);
            await SeedHistoryAsync(ct);
            await SayAsync(Recruiter, $"candidate add be-sr {Candidate} Ada Lovelace");

            Step("Scheduling on the local calendar: ranked options, the recruiter picks the first");
            var options = await SayAsync(Recruiter, $"schedule {Candidate}");
            var first = options["data"]?["options"]?[0];
            if (first is null) { Console.WriteLine("No schedule could be found; the demo stops here."); return; }
            await ActAsync(Recruiter, "schedule.pick", new JsonObject { ["loopId"] = options["data"]!["loopId"]!.DeepClone(), ["optionId"] = first["optionId"]!.DeepClone() });
            await PrintQueuedKitsAsync(ct);

            Step("The interviews end (Quartz fires each interview-ended job now instead of at its end time)");
            var scheduler = await services.GetRequiredService<ISchedulerFactory>().GetScheduler(ct);
            var mark = _seen;
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow(); // Quartz runs on the host's clock too
            foreach (var id in await InterviewsAsync(ct)) await InterviewJobs.ScheduleAsync(scheduler, id, now, ct);
            var requests = await WaitForAsync(m => m.Kind == "scorecard", Panel.Length, TimeSpan.FromSeconds(30), mark);

            Step("Panelists score in chat; Bea is late");
            foreach (var request in requests.Where(r => r.Recipient != $"person:{Late}"))
                await SubmitAsync(request, PanelistOpinion(request.Recipient));

            Step("Bea is late: the recruiter nudges (automatic reminders follow her working hours, planned from the booked end time)");
            await SayAsync(Recruiter, $"status {Candidate}");
            mark = _seen;
            await SayAsync(Recruiter, $"nudge {Candidate}");
            await WaitForAsync(m => m.Recipient == $"person:{Late}", 1, TimeSpan.FromSeconds(10), mark);
            mark = _seen;
            await SubmitAsync(requests.First(r => r.Recipient == $"person:{Late}"), 2);

            Step("The panel is complete: the digest goes to the hiring channel");
            var digest = (await WaitForAsync(m => m.Kind == "digest", 1, TimeSpan.FromSeconds(20), mark))[0];
            await SaveChartAsync(digest.Card, "hirebot-demo-digest.png");

            Step("The hiring manager records the decision");
            mark = _seen;
            var decided = await SayAsync(Manager, $"decide {Candidate} hire Strong system design and debugging; probe behavioral depth in the offer call");
            if (decided["isError"]!.GetValue<bool>()) throw new InvalidOperationException("The decision was refused.");
            await WaitForAsync(m => m.Kind == "decision", 1, TimeSpan.FromSeconds(20), mark);

            Step("The recruiter reviews interviewer calibration across the organisation's loops");
            var calibration = await SayAsync(Recruiter, "calibration be-sr");
            await SaveChartAsync(services.GetRequiredService<Cards.MessageRenderer>().Render("message", calibration["data"]!.AsObject()), "hirebot-demo-calibration.png");
            Console.WriteLine("\nDemo complete.");
        }

        /// <summary>
        /// Six earlier candidates' technical screens, each scored by Pat, Pia and Raj, with Raj one
        /// point below the others: the history that calibrates Raj in this loop's digest, sends him his
        /// private calibration note after his scorecard, and fills the recruiter's calibration table.
        /// Written as the scorecard flow stores them (decided loops, completed interviews), in the demo's organisation.
        /// </summary>
        private async Task SeedHistoryAsync(CancellationToken ct)
        {
            Step("History: six earlier candidates' screens, scored by Pat, Pia and Raj (Raj about a point below the others)");
            var role = (await services.GetRequiredService<RoleStore>().FindAsync("be-sr", ct))!;
            var competencies = Core.Scorecards.ScorecardShape.For(role.Template, "screen")!.Competencies.Select(c => c.Id).ToList();
            await using var conn = await services.GetRequiredService<Organisations.OrgDb>().OpenConnectionAsync(ct);
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
            for (var i = 0; i < 6; i++)
            {
                var (candidate, loop, interview) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
                var ends = now.AddDays(-60 + 7 * i);
                var peer = 3 + i % 2; // Pat and Pia give 3 or 4; Raj a point less
                var panel = new[] { ("pat@example.com", peer, 4.0), ("pia@example.com", i % 3 == 0 ? 3 : peer, 20.0), ("raj@example.com", peer - 1 + (i == 4 ? 1 : 0), 30.0) };
                var batch = new NpgsqlBatch(conn);
                void Add(string sql, params object[] args)
                {
                    var command = new NpgsqlBatchCommand(sql);
                    foreach (var a in args) command.Parameters.Add(new() { Value = a });
                    batch.BatchCommands.Add(command);
                }
                Add("INSERT INTO candidates (id, role_id, email, name) VALUES ($1, $2, $3, $4)", candidate, role.Id, $"past{i + 1}@example.com", $"Earlier candidate {i + 1}");
                Add("INSERT INTO loops (id, candidate_id, state, decided_at) VALUES ($1, $2, 'Decided', $3)", loop, candidate, ends.AddDays(3));
                Add("INSERT INTO interviews (id, loop_id, round_id, starts_at, ends_at, status) VALUES ($1, $2, 'screen', $3, $4, 'Completed')", interview, loop, ends.AddMinutes(-45), ends);
                foreach (var (email, rating, hours) in panel)
                {
                    var ratings = new JsonArray(competencies.Select(c => (JsonNode)new JsonObject { ["competencyId"] = c, ["rating"] = rating, ["evidence"] = "Earlier loop." }).ToArray());
                    Add("INSERT INTO interview_panelists (interview_id, email, is_shadow) VALUES ($1, $2, false)", interview, email);
                    Add("INSERT INTO scorecards (interview_id, panelist_email, ratings, recommendation, submitted_at) VALUES ($1, $2, $3::jsonb, $4, $5)",
                        interview, email, ratings.ToJsonString(), (short)(rating >= 3 ? 3 : 2), ends.AddHours(hours));
                }
                await using (batch) await batch.ExecuteNonQueryAsync(ct);
            }
        }

        private static int PanelistOpinion(string recipient) => recipient.Contains("raj") ? 2 : recipient.Contains("sam") ? 4 : 3;

        private async Task SubmitAsync(LocalMessage request, int rating)
        {
            var who = request.Recipient["person:".Length..];
            var data = new JsonObject { ["interviewId"] = request.Data["interviewId"]!.DeepClone(), ["recommendation"] = rating >= 3 ? "yes" : "no" };
            foreach (var c in request.Data["competencies"]!.AsArray())
            {
                var id = c!["id"]!.GetValue<string>();
                data[$"rating.{id}"] = rating.ToString(CultureInfo.InvariantCulture);
                data[$"evidence.{id}"] = $"Specific example for {c["name"]}: walked through trade-offs and what they would change next time.";
            }
            Console.WriteLine($"\n>> {who} submits the scorecard ({rating}/4 across the round's competencies)");
            await ActAsync(who, "scorecard.submit", data);
        }

        private async Task<JsonObject> SayAsync(string from, string text, bool quiet = false)
        {
            if (!quiet) Console.WriteLine($"\n>> {from}: /hire {text}");
            var reply = await AnswerAsync(await http.PostAsJsonAsync("/local/messages", new { from, text }));
            if (!quiet) Print($"reply to {from}", reply["kind"]!.GetValue<string>(), reply["data"]!);
            await PrintNewAsync();
            return reply;
        }

        private async Task ActAsync(string from, string verb, JsonObject data)
        {
            var reply = await AnswerAsync(await http.PostAsJsonAsync("/local/actions", new { from, verb, data }));
            Print($"reply to {from}", reply["kind"]!.GetValue<string>(), reply["data"]!);
            await PrintNewAsync();
        }

        /// <summary>The local channel stores a request and answers 202 with its id; the answer is read with the long poll, as any client reads it.</summary>
        private async Task<JsonObject> AnswerAsync(HttpResponseMessage accepted)
        {
            using (accepted)
            {
                accepted.EnsureSuccessStatusCode();
                var id = (await accepted.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
                for (var polls = 0; polls < 6; polls++)
                {
                    var replies = (await http.GetFromJsonAsync<JsonArray>($"/local/messages?replyTo={Uri.EscapeDataString(id)}&wait=10"))!;
                    if (replies.Count > 0) return replies[0]!["reply"]!.AsObject();
                }
                throw new InvalidOperationException($"The local channel did not answer request {id} within a minute.");
            }
        }

        private void Print(string to, string kind, JsonNode data)
        {
            var card = services.GetRequiredService<Cards.MessageRenderer>().Render(kind, data.AsObject());
            Console.WriteLine($"── {to} ({kind}) ──");
            Console.WriteLine(Indent(CardText.Render(card)));
        }

        /// <summary>
        /// Waits for <paramref name="count"/> matching messages delivered after message <paramref name="after"/>,
        /// counting those a reply already printed (a fast delivery can land before the wait starts).
        /// </summary>
        private async Task<List<LocalMessage>> WaitForAsync(Func<LocalMessage, bool> match, int count, TimeSpan timeout, long after)
        {
            var found = _printed.Where(m => m.Id > after).Where(match).ToList();
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (found.Count < count && waited.Elapsed < timeout)
            {
                found.AddRange((await PrintNewAsync()).Where(match));
                if (found.Count < count) await Task.Delay(100);
            }
            if (found.Count < count)
                throw new InvalidOperationException($"The demo expected {count} message(s) that did not arrive within {timeout.TotalSeconds:0} s.");
            return found;
        }

        /// <summary>Fetches the card's chart from its signed URL, as Teams or Slack would, and writes it to the working directory.</summary>
        private async Task SaveChartAsync(JsonNode card, string file)
        {
            var url = (card["body"] as JsonArray ?? []).FirstOrDefault(e => e?["type"]?.GetValue<string>() == "Image")?["url"]?.GetValue<string>()
                ?? throw new InvalidOperationException($"The card for {file} has no chart.");
            var png = await http.GetByteArrayAsync(new Uri(url).PathAndQuery);
            await File.WriteAllBytesAsync(file, png);
            Console.WriteLine($"   (chart: {url}\n    written to {Path.GetFullPath(file)}, {png.Length / 1024} KB)");
        }

        /// <summary>Prints what the local channel delivered since the last call, as each recipient sees it.</summary>
        private async Task<List<LocalMessage>> PrintNewAsync()
        {
            var list = (await http.GetFromJsonAsync<JsonArray>($"/local/messages?after={_seen}"))!
                .Select(n => new LocalMessage(n!["id"]!.GetValue<long>(), n["recipient"]!.GetValue<string>(), n["kind"]!.GetValue<string>(), n["card"]!)).ToList();
            foreach (var m in list)
            {
                _seen = Math.Max(_seen, m.Id);
                _printed.Add(m);
                Console.WriteLine($"── to {m.Recipient.Replace("person:", "").Replace("conversation:local:", "")} ({m.Kind}) ──");
                Console.WriteLine(Indent(CardText.Render(m.Card)));
            }
            return list;
        }

        private async Task PrintQueuedKitsAsync(CancellationToken ct)
        {
            await using var cmd = _db.CreateCommand("SELECT recipient, not_before FROM outbox WHERE kind = 'kit' AND status = 'pending' ORDER BY not_before");
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                Console.WriteLine($"   (interview kit for {reader.GetString(0)[7..]} queued for {reader.GetFieldValue<DateTimeOffset>(1):yyyy-MM-dd HH:mm} UTC, a day before the round)");
        }

        private async Task<List<Guid>> InterviewsAsync(CancellationToken ct)
        {
            await using var cmd = _db.CreateCommand("SELECT id FROM interviews WHERE status = 'Scheduled' ORDER BY starts_at");
            var ids = new List<Guid>();
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) ids.Add(reader.GetGuid(0));
            return ids;
        }

        private static void Step(string title) => Console.WriteLine($"\n=== {title} ===");

        private static string Indent(string text) => string.Join('\n', text.Split('\n').Select(l => "   " + l));
    }

    private sealed record LocalMessage(long Id, string Recipient, string Kind, JsonNode Card)
    {
        /// <summary>The card's data as the bot bound it: the scorecard card keeps interviewId and competency ids in its submit action.</summary>
        public JsonObject Data => DemoCardData.From(Card);
    }
}
