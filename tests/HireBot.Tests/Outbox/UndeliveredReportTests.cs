using System.Text.Json.Nodes;
using HireBot.Tests.Fakes;
using HireBot.Tests.Scorecards;
using HireBot.Tests.Support;
using static HireBot.Tests.Scorecards.ScorecardHarness;

namespace HireBot.Tests.Outbox;

/// <summary>
/// Messages that cannot reach their person, through the real Teams path (fake Bot Connector):
/// someone who never chatted with the bot cannot be messaged in Teams, and the recruiter is told,
/// once; status lists it, and nudge does not count them.
/// </summary>
public class UndeliveredReportTests : IAsyncLifetime
{
    private const string Reachable = "pat@example.com";
    private const string Unreachable = "grace@example.com";
    private ConnectedTeamsBot _teams = null!;

    private BotApp Bot => _teams.Bot;

    public async Task InitializeAsync() => _teams = await ConnectedTeamsBot.StartAsync(nameof(UndeliveredReportTests));
    public async Task DisposeAsync() => await _teams.DisposeAsync();

    /// <summary>Someone the bot has a Teams 1:1 chat with, as a verified activity would have stored it.</summary>
    private async Task InTeamsAsync(string email)
    {
        await Bot.ScalarAsync<object>("INSERT INTO people (email, display_name, org_id) VALUES ($1, $2, '00000000-0000-0000-0000-000000000001') ON CONFLICT DO NOTHING", email, email.Split('@')[0]);
        await Bot.ScalarAsync<object>(
            "INSERT INTO chat_identities (channel, external_id, email, tenant_id, conversation_id, service_url, org_id, source) VALUES ('teams', $1, $2, 'tenant-1', $3, $4, '00000000-0000-0000-0000-000000000001', 'teams:tenant-1')",
            $"29:{email}", email, $"a:{email}", _teams.Connector.ServiceUrl);
    }

    /// <summary>What the bot posted to a person's 1:1 chat (the target may carry the conversation id escaped or not).</summary>
    private List<JsonNode> SentTo(string email) =>
        _teams.Connector.Requests
            .Where(r => r.Method == "POST" && (r.RawTarget.Contains($"/conversations/{Uri.EscapeDataString($"a:{email}")}/") || r.RawTarget.Contains($"/conversations/a:{email}/")))
            .Select(r => JsonNode.Parse(r.Body)!).ToList();

    private async Task<string> WaitForStatusAsync(string key, string status)
    {
        var deadline = TestClock.UtcNow.AddSeconds(30);
        string? now;
        while ((now = await Bot.ScalarAsync<string>("SELECT status FROM outbox WHERE idempotency_key = $1", key)) != status && TestClock.UtcNow < deadline)
            await Task.Delay(50);
        return now ?? "(none)";
    }

    [Fact]
    public async Task A_scorecard_request_to_someone_teams_cannot_reach_is_reported_to_the_recruiter_once_and_listed_by_status_and_nudge()
    {
        await InTeamsAsync(Recruiter);
        await InTeamsAsync(Reachable);
        var loop = await Bot.NewLoopAsync("rep", new InterviewSpec("screen", [Reachable, Unreachable], Completed: false));
        await Bot.EndInterviewAsync(loop.Interviews[0]);

        var failedKey = $"scorecard-request:{loop.Interviews[0]}:{Unreachable}";
        Assert.Equal("failed", await WaitForStatusAsync(failedKey, "failed"));
        var reportKey = $"undelivered:{failedKey}:{Recruiter}";
        Assert.Equal("sent", await WaitForStatusAsync(reportKey, "sent"));
        Assert.Equal("sent", await WaitForStatusAsync($"scorecard-request:{loop.Interviews[0]}:{Reachable}", "sent"));

        // Exactly one report, to the recruiter's Teams chat, naming who was not reached, why and what to do.
        Assert.Equal(1, await Bot.ScalarAsync<long>("SELECT count(*) FROM outbox WHERE idempotency_key LIKE 'undelivered:%'"));
        var report = Assert.Single(SentTo(Recruiter)).ToJsonString().Replace("\\u0060", "`");
        Assert.Contains(Unreachable, report);
        Assert.Contains("scorecard request for Ada rep (Technical screen)", report);
        Assert.Contains("could not be reached in Teams", report);
        Assert.Contains("Ask them to open HireBot in Teams", report);
        Assert.DoesNotContain("Ask them to open a chat with HireBot", report); // the reason says what to do; the report does not repeat it
        Assert.Equal(loop.LoopId, await Bot.ScalarAsync<Guid>("SELECT loop_id FROM outbox WHERE idempotency_key = $1", reportKey));

        var status = Text(await Bot.SayAsync(Recruiter, $"status {loop.Candidate}"));
        Assert.Contains("Not delivered (1):", status);
        Assert.Contains($"{Unreachable}: the scorecard request for Ada rep (Technical screen). {Unreachable} could not be reached in Teams", status);
        Assert.DoesNotContain($"{Reachable}: the scorecard", status);

        var nudge = await Bot.SayAsync(Recruiter, $"nudge {loop.Candidate}");
        Assert.Equal("Reminded 1 panelist", nudge["data"]!["title"]!.GetValue<string>());
        var said = Text(nudge);
        Assert.Contains("still missing from: pat.", said); // reminded: the name is enough
        Assert.Contains($"could not reach them last time:\n• {Unreachable}", said);
        Assert.Equal(0, await Bot.ScalarAsync<long>("SELECT count(*) FROM outbox WHERE idempotency_key LIKE $1", $"manual-nudge:%:{Unreachable}:%"));
        Assert.Equal(1, await Bot.ScalarAsync<long>("SELECT count(*) FROM outbox WHERE idempotency_key LIKE $1", $"manual-nudge:%:{Reachable}:%"));
    }

    [Fact]
    public async Task Panelists_are_shown_by_name_with_the_email_only_where_the_recruiter_must_reach_them_in_person()
    {
        await InTeamsAsync(Recruiter);
        await InTeamsAsync(Reachable);
        var loop = await Bot.NewLoopAsync("names", new InterviewSpec("screen", [Reachable, Unreachable], Completed: false));
        foreach (var (email, name) in new[] { (Reachable, "Pat Panelist"), (Unreachable, "Grace Hopper") })
            await Bot.ScalarAsync<object>(
                "INSERT INTO people (email, display_name, org_id) VALUES ($1, $2, '00000000-0000-0000-0000-000000000001') ON CONFLICT (org_id, email) DO UPDATE SET display_name = EXCLUDED.display_name", email, name);
        await Bot.EndInterviewAsync(loop.Interviews[0]);
        var failedKey = $"scorecard-request:{loop.Interviews[0]}:{Unreachable}";
        Assert.Equal("sent", await WaitForStatusAsync($"undelivered:{failedKey}:{Recruiter}", "sent"));

        var status = Text(await Bot.SayAsync(Recruiter, $"status {loop.Candidate}"));
        Assert.Contains("Pat Panelist (scorecard missing)", status);
        Assert.Contains("Grace Hopper (scorecard missing)", status);
        Assert.DoesNotContain($"{Reachable} (", status);
        Assert.Contains($"Grace Hopper ({Unreachable}): the scorecard request", status);

        var nudge = Text(await Bot.SayAsync(Recruiter, $"nudge {loop.Candidate}"));
        Assert.Contains("still missing from: Pat Panelist.", nudge);
        Assert.Contains($"• Grace Hopper ({Unreachable}): ", nudge);

        Assert.Contains($"Grace Hopper ({Unreachable})", Assert.Single(SentTo(Recruiter)).ToJsonString());
    }

    [Fact]
    public async Task The_reminder_sweep_skips_someone_known_unreachable_and_reminds_the_others()
    {
        await InTeamsAsync(Recruiter);
        await InTeamsAsync(Reachable);
        var loop = await Bot.NewLoopAsync("swp", new InterviewSpec("screen", [Reachable, Unreachable], Completed: false));
        await Bot.EndInterviewAsync(loop.Interviews[0]);
        var failedKey = $"scorecard-request:{loop.Interviews[0]}:{Unreachable}";
        Assert.Equal("failed", await WaitForStatusAsync(failedKey, "failed"));
        Assert.Equal("sent", await WaitForStatusAsync($"undelivered:{failedKey}:{Recruiter}", "sent"));

        // Both panelists' first reminders fall due; the next sweep takes them.
        await Bot.ScalarAsync<object>("UPDATE nudge_events SET due_at = $2 WHERE interview_id = $1 AND name = 'reminder-1'",
            loop.Interviews[0], TestClock.UtcNow.AddMinutes(-1));
        Assert.Equal("sent", await WaitForStatusAsync($"nudge:{loop.Interviews[0]}:{Reachable}:1", "sent"));
        var deadline = TestClock.UtcNow.AddSeconds(30);
        const string open = "SELECT count(*) FROM nudge_events WHERE interview_id = $1 AND email = $2 AND name = 'reminder-1' AND done_at IS NULL";
        while (await Bot.ScalarAsync<long>(open, loop.Interviews[0], Unreachable) > 0 && TestClock.UtcNow < deadline) await Task.Delay(50);

        // The unreachable panelist's reminder is closed without a message (it would fail as the request did), and not reported again.
        Assert.Equal(0, await Bot.ScalarAsync<long>(open, loop.Interviews[0], Unreachable));
        Assert.Equal(0, await Bot.ScalarAsync<long>("SELECT count(*) FROM outbox WHERE idempotency_key LIKE $1", $"nudge:%:{Unreachable}:%"));
        Assert.Equal(1, await Bot.ScalarAsync<long>("SELECT count(*) FROM outbox WHERE idempotency_key LIKE 'undelivered:%'"));
        Assert.Empty(SentTo(Unreachable));
    }

    [Fact]
    public async Task A_report_that_cannot_be_delivered_either_is_not_reported_again()
    {
        // Nobody, the recruiter included, has ever chatted with the bot in Teams.
        var loop = await Bot.NewLoopAsync("loop", new InterviewSpec("screen", [Unreachable], Completed: false));
        await Bot.EndInterviewAsync(loop.Interviews[0]);

        var failedKey = $"scorecard-request:{loop.Interviews[0]}:{Unreachable}";
        Assert.Equal("failed", await WaitForStatusAsync(failedKey, "failed"));
        Assert.Equal("failed", await WaitForStatusAsync($"undelivered:{failedKey}:{Recruiter}", "failed"));
        // The report's failure is recorded in the same transaction as any report of it would be: none was written.
        Assert.Equal(1, await Bot.ScalarAsync<long>("SELECT count(*) FROM outbox WHERE idempotency_key LIKE 'undelivered:%'"));
        Assert.Empty(SentTo(Recruiter));
    }
}
