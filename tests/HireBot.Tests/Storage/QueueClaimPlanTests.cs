using System.Text.Json.Nodes;
using HireBot.Inbox;
using HireBot.Outbox;
using HireBot.Storage;
using HireBot.Tests.Support;
using Npgsql;

namespace HireBot.Tests.Storage;

/// <summary>
/// A queue's claim must cost a batch, not the backlog: with thousands of rows waiting that the
/// statistics have not seen yet (a burst between two autovacuum analyses), the claim walks the due
/// index in order and stops once it has its batch, instead of reading and sorting every due row.
/// </summary>
public class QueueClaimPlanTests
{
    private const int Backlog = 20_000, Batch = 50;

    [Theory]
    [InlineData("outbox")]
    [InlineData("inbox")]
    public async Task A_claim_reads_a_batch_of_a_large_unanalysed_backlog(string queue)
    {
        await using var db = await BacklogAsync($"claim_{queue}", queue == "outbox"
            ? $"""
              INSERT INTO outbox (idempotency_key, recipient, kind, payload, org_id)
              SELECT 'backlog:' || g, 'reply:slack:' || g, 'message', '{"{"}"text":"hi"{"}"}', '{HireBot.Organisations.OrgScope.Default}'
              FROM generate_series(1, {Backlog}) g
              """
            : $"""
              INSERT INTO inbox (source, key, group_key, payload, org_id)
              SELECT 'slack-command', 'backlog:' || g, 'conversation:' || (g % 1000), '{"{"}{"}"}', '{HireBot.Organisations.OrgScope.Default}'
              FROM generate_series(1, {Backlog}) g
              """);

        var (rowsRead, sorted) = await ExplainClaimAsync(db, queue == "outbox" ? OutboxStore.ClaimSql : InboxStore.ClaimSql);

        Assert.False(sorted, "the claim sorted the backlog instead of walking the due index in order");
        Assert.InRange(rowsRead, Batch, 4 * Batch);
    }

    [Fact]
    public async Task A_finish_finds_its_rows_by_key_under_a_large_unanalysed_backlog()
    {
        await using var db = await BacklogAsync("finish",
            $"""
            INSERT INTO inbox (source, key, group_key, payload, org_id, status, claim_token)
            SELECT 'slack-command', 'backlog:' || g, 'conversation:' || g, '{"{"}{"}"}', '{HireBot.Organisations.OrgScope.Default}',
                CASE WHEN g <= 3 THEN 'working' ELSE 'pending' END, CASE WHEN g <= 3 THEN '{Token}'::uuid END
            FROM generate_series(1, {Backlog}) g
            """);

        await using var explain = db.CreateCommand("EXPLAIN (ANALYZE, FORMAT JSON) " + InboxStore.FinishSql);
        explain.Parameters.Add(new() { Value = DateTimeOffset.UtcNow });
        explain.Parameters.Add(new() { Value = Ids });
        explain.Parameters.Add(new() { Value = Ids.Select(_ => Token).ToArray() });
        explain.Parameters.Add(new() { Value = Ids.Select(_ => "done").ToArray() });
        explain.Parameters.Add(new() { Value = Ids.Select(_ => (string?)null).ToArray(), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text });
        var nodes = Flatten(JsonNode.Parse((string)(await explain.ExecuteScalarAsync())!)![0]!["Plan"]!).ToList();

        // By key: the primary key is the only index read, and no scan of the table itself.
        Assert.Equal(["inbox_pkey"], nodes.Select(n => (string?)n["Index Name"]).OfType<string>().Distinct());
        Assert.DoesNotContain(nodes, n => (string?)n["Node Type"] == "Seq Scan");
        Assert.Equal(3L, await db.CreateCommand("SELECT count(*) FROM inbox WHERE status = 'done'").ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_backlog_gets_the_queue_analysed_at_most_once_per_interval()
    {
        await using var db = await BacklogAsync("analyse",
            $"""
            INSERT INTO inbox (source, key, group_key, payload, org_id)
            SELECT 'slack-command', 'backlog:' || g, 'conversation:' || g, '{"{"}{"}"}', '{HireBot.Organisations.OrgScope.Default}'
            FROM generate_series(1, {Backlog}) g
            """);
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(TestClock.Now);
        var store = new InboxStore(db, clock);
        async Task<float> PlannerRowsAsync() => (float)(await db.CreateCommand("SELECT reltuples FROM pg_class WHERE relname = 'inbox'").ExecuteScalarAsync())!;
        Assert.True(await PlannerRowsAsync() < Backlog / 10f);

        await store.Statistics.RefreshAsync(default);
        Assert.InRange(await PlannerRowsAsync(), Backlog * 0.9f, Backlog * 1.1f);
        await store.Statistics.RefreshAsync(default);
        clock.Advance(QueueStatistics.Every - TimeSpan.FromSeconds(1));
        await store.Statistics.RefreshAsync(default);
        Assert.Equal(1, store.Statistics.Analysed);
        clock.Advance(TimeSpan.FromSeconds(1));
        await store.Statistics.RefreshAsync(default);
        Assert.Equal(2, store.Statistics.Analysed);
    }

    /// <summary>A fresh database whose queues were analysed empty (as at start), then given a backlog by <paramref name="insertSql"/>.</summary>
    private static async Task<NpgsqlDataSource> BacklogAsync(string name, string insertSql)
    {
        var db = NpgsqlDataSource.Create(await TestDatabase.CreateAsync($"{nameof(QueueClaimPlanTests)}_{name}"));
        await db.ExecuteAsync("ANALYZE inbox, outbox", default);
        await db.ExecuteAsync(insertSql, default);
        return db;
    }

    private static readonly long[] Ids = [1, 2, 3];
    private static readonly Guid Token = Guid.Parse("5c0ffee0-0000-4000-8000-000000000001");

    /// <summary>Runs the claim as the store does, under EXPLAIN ANALYZE: rows its scan of the due index returned, and whether it sorted.</summary>
    private static async Task<(long RowsRead, bool Sorted)> ExplainClaimAsync(NpgsqlDataSource db, string claimSql)
    {
        await using var batch = db.CreateClaimBatch("EXPLAIN (ANALYZE, FORMAT JSON) " + claimSql, out var claim);
        var now = DateTimeOffset.UtcNow.AddSeconds(1);
        claim.Parameters.Add(new() { Value = now });
        claim.Parameters.Add(new() { Value = now.AddMinutes(1) });
        claim.Parameters.Add(new() { Value = Batch });
        string plan;
        await using (var reader = await batch.ExecuteQueueReaderAsync(default))
        {
            Assert.True(await reader.ReadAsync());
            plan = reader.GetString(0);
        }
        var nodes = Flatten(JsonNode.Parse(plan)![0]!["Plan"]!).ToList();
        var dueScans = nodes.Where(n => (string?)n["Index Name"] is "outbox_due" or "inbox_due" || ((string?)n["Node Type"])?.StartsWith("Seq Scan", StringComparison.Ordinal) == true).ToList();
        Assert.NotEmpty(dueScans);
        return (dueScans.Sum(n => (long)n["Actual Rows"]!), nodes.Any(n => (string?)n["Node Type"] is "Sort" or "Incremental Sort"));
    }

    private static IEnumerable<JsonNode> Flatten(JsonNode node) =>
        new[] { node }.Concat((node["Plans"]?.AsArray() ?? []).SelectMany(child => Flatten(child!)));
}
