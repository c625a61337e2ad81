using System.Text.Json.Nodes;
using HireBot.Outbox;
using HireBot.Tests.Support;
using Npgsql;

namespace HireBot.Tests.Outbox;

/// <summary>A dispatcher whose lease ran out cannot send or record anything for a row another one took.</summary>
public class OutboxFencingTests
{
    [Fact]
    public async Task A_stale_claim_can_neither_renew_nor_mark_the_row_another_dispatcher_took()
    {
        var cs = await TestDatabase.CreateAsync(nameof(OutboxFencingTests));
        await using var db = NpgsqlDataSource.Create(cs);
        await using var orgPool = HireBot.Organisations.OrgDb.BuildPool(cs);
        using var org = HireBot.Organisations.OrgScope.Enter(HireBot.Organisations.OrgScope.Default);
        var store = new OutboxStore(db, new HireBot.Organisations.OrgDb(orgPool), TimeProvider.System);
        await store.EnqueueAsync([new OutboxMessage("fence:1", Recipients.Person("pat@example.com"), "message", new JsonObject { ["text"] = "hi" })], default);

        var stale = Assert.Single(await store.ClaimAsync(10, TimeSpan.Zero, default)); // its lease is over at once
        await Task.Delay(20);
        var current = Assert.Single(await store.ClaimAsync(10, TimeSpan.FromMinutes(1), default));

        Assert.NotEqual(stale.ClaimToken, current.ClaimToken);
        Assert.False(await store.RenewAsync(stale, TimeSpan.FromMinutes(1), default));
        await store.MarkRetryAsync(stale, TimeSpan.Zero, "stale dispatcher timed out", default);
        await store.MarkSentAsync(current, "local", null, default);
        await store.MarkFailedAsync(stale, "stale dispatcher gave up", default);

        await using var cmd = db.CreateCommand("SELECT status, attempts, last_error FROM outbox WHERE idempotency_key = 'fence:1'");
        await using var reader = await cmd.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal("sent", reader.GetString(0));
        Assert.Equal(2, reader.GetInt32(1));
        Assert.True(reader.IsDBNull(2));
    }

    [Fact]
    public async Task A_row_withdrawn_while_a_dispatcher_holds_it_stays_withdrawn_when_put_back()
    {
        var cs = await TestDatabase.CreateAsync(nameof(A_row_withdrawn_while_a_dispatcher_holds_it_stays_withdrawn_when_put_back));
        await using var db = NpgsqlDataSource.Create(cs);
        await using var orgPool = HireBot.Organisations.OrgDb.BuildPool(cs);
        using var org = HireBot.Organisations.OrgScope.Enter(HireBot.Organisations.OrgScope.Default);
        var store = new OutboxStore(db, new HireBot.Organisations.OrgDb(orgPool), TimeProvider.System);
        await store.EnqueueAsync([new OutboxMessage("kit:withdrawn", Recipients.Person("pat@example.com"), "message", new JsonObject { ["text"] = "kit" })], default);
        var held = Assert.Single(await store.ClaimAsync(10, TimeSpan.FromMinutes(1), default));

        // The interview is cancelled while the row is claimed.
        await using (var conn = await db.OpenConnectionAsync())
            Assert.Equal(1, await OutboxStore.WithdrawAsync(conn, null, ["kit:%"], "the interview was cancelled", default));
        await store.MarkDeferredAsync([(held, TestClock.Now)], default); // a rate limit puts it back
        await store.MarkRetryAsync(held, TimeSpan.Zero, "429", default);

        Assert.Empty(await store.ClaimAsync(10, TimeSpan.FromMinutes(1), default));
        await using var cmd = db.CreateCommand("SELECT status, last_error FROM outbox WHERE idempotency_key = 'kit:withdrawn'");
        await using var reader = await cmd.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(("failed", "withdrawn: the interview was cancelled"), (reader.GetString(0), reader.GetString(1)));
    }
}
