using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using HireBot.Tests.Support;
using HireBot.Tests.Teams;

namespace HireBot.Tests.Observability;

/// <summary>
/// HireBot's own spans, as any OpenTelemetry listener (or the OTLP exporter) would receive them:
/// a Teams message gives an <c>inbox.process</c> span and an <c>outbox.deliver</c> span, tagged
/// with ids and outcomes, never with what anyone wrote.
/// </summary>
public class SpanTests
{
    [Fact]
    public async Task A_teams_message_is_traced_through_the_inbox_and_the_outbox_with_ids_only()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "HireBot",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        await using var teams = await ConnectedTeamsBot.StartAsync(nameof(SpanTests));
        var activity = InboundRequests.PersonalMessage(teams.Connector.ServiceUrl);
        activity["id"] = "span-1";
        activity["conversation"]!["id"] = "a:span-conversation";
        activity["text"] = "candidate add nonexistent-role grace@example.com Grace Hopper";
        activity.Remove("entities");

        using var response = await teams.PostAsync(activity);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // Other tests running meanwhile add spans too: find ours by the ids of our inbox row and our reply's outbox row.
        var inboxId = await IdAsync(teams, "SELECT id FROM inbox WHERE key = 'a:span-conversation|span-1'");
        var outboxId = await IdAsync(teams, "SELECT id FROM outbox WHERE idempotency_key = 'reply:a:span-conversation|span-1'");
        var deadline = TestClock.UtcNow.AddSeconds(30);
        while (!spans.Any(s => s.OperationName == "outbox.deliver" && Equals(s.GetTagItem("hirebot.outbox.id"), outboxId) && Equals(s.GetTagItem("hirebot.outbox.result"), "Sent"))
               && TestClock.UtcNow < deadline)
            await Task.Delay(50);

        var seen = string.Join("; ", spans.Select(s => $"{s.OperationName} {string.Join(",", s.TagObjects.Select(t => $"{t.Key}={t.Value}"))}"));
        Assert.True(spans.Any(s => s.OperationName == "inbox.process" && Equals(s.GetTagItem("hirebot.inbox.id"), inboxId) && Equals(s.GetTagItem("hirebot.inbox.source"), "teams")), seen);
        Assert.True(spans.Any(s => s.OperationName == "outbox.deliver" && Equals(s.GetTagItem("hirebot.outbox.id"), outboxId) && Equals(s.GetTagItem("hirebot.outbox.result"), "Sent")), seen);
        var tagValues = spans.SelectMany(s => s.TagObjects).Select(t => t.Value?.ToString() ?? "").ToList();
        Assert.DoesNotContain(tagValues, v => v.Contains("Grace", StringComparison.OrdinalIgnoreCase) || v.Contains("grace@", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The id the query finds, waiting for the row to exist (the inbox worker writes the reply shortly after the acknowledgement).</summary>
    private static async Task<long> IdAsync(ConnectedTeamsBot teams, string sql)
    {
        var deadline = TestClock.UtcNow.AddSeconds(30);
        while (true)
        {
            await using var cmd = teams.Bot.Db.CreateCommand(sql);
            if (await cmd.ExecuteScalarAsync() is long id) return id;
            if (TestClock.UtcNow > deadline) throw new TimeoutException(sql);
            await Task.Delay(50);
        }
    }
}
