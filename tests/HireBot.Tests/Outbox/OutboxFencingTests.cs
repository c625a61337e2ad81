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
        var store = new OutboxStore(db, TimeProvider.System);
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
}
