using System.Collections.Concurrent;
using HireBot.Inbox;
using HireBot.Outbox;
using HireBot.Storage;
using HireBot.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace HireBot.Tests.Inbox;

/// <summary>
/// The inbox against a real PostgreSQL: group commit (many requests, few INSERTs, each answered
/// only once its row is stored), de-duplication by key, a failed write refusing every request in
/// it, and the worker: order within a group, retries, giving up, and fenced claims.
/// </summary>
public class InboxTests
{
    [Fact]
    public async Task Requests_arriving_together_share_inserts_and_a_repeated_key_is_stored_once()
    {
        var cs = await TestDatabase.CreateAsync(nameof(Requests_arriving_together_share_inserts_and_a_repeated_key_is_stored_once));
        await using var db = NpgsqlDataSource.Create(cs);
        var signal = new InboxSignal();
        var writer = new InboxWriter(db, signal, Options.Create(new InboxOptions()), NullLogger<InboxWriter>.Instance);
        await writer.StartAsync(default);

        // 400 requests at once: 300 distinct deliveries, 100 of them sent twice (a platform's retry).
        var keys = Enumerable.Range(0, 400).Select(i => $"k{(i < 300 ? i : i - 300)}").ToList();
        var answers = await Task.WhenAll(keys.Select(k => Task.Run(() => writer.AcceptAsync(HireBot.Organisations.OrgScope.Default, "test", k, k, $"payload of {k}", default))));
        await writer.StopAsync(default);

        Assert.Equal(300, answers.Count(a => a));
        Assert.Equal(100, answers.Count(a => !a));
        await using var count = db.CreateCommand("SELECT count(*), count(DISTINCT key) FROM inbox WHERE source = 'test' AND status = 'pending'");
        await using var reader = await count.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal(300, reader.GetInt64(0));
        Assert.Equal(300, reader.GetInt64(1));
        Assert.InRange(writer.Writes, 1, 399); // shared: fewer INSERTs than requests
    }

    [Fact]
    public async Task A_write_that_fails_refuses_every_request_in_it_as_a_retryable_database_failure()
    {
        var unreachable = new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = 1, Username = "nobody", Password = "x", Timeout = 2 }.ConnectionString;
        await using var db = NpgsqlDataSource.Create(unreachable);
        var writer = new InboxWriter(db, new InboxSignal(), Options.Create(new InboxOptions()), NullLogger<InboxWriter>.Instance);
        await writer.StartAsync(default);

        var attempts = Enumerable.Range(0, 5).Select(i => writer.AcceptAsync(HireBot.Organisations.OrgScope.Default, "test", $"k{i}", "g", "p", default)).ToList();
        foreach (var attempt in attempts)
        {
            var e = await Assert.ThrowsAnyAsync<Exception>(() => attempt);
            Assert.True(DatabaseUnavailableMiddleware.IsUnavailable(e), $"{e.GetType().Name} would not be answered with a retry hint");
        }
        await writer.StopAsync(default);
        await Assert.ThrowsAsync<InboxUnavailableException>(() => writer.AcceptAsync(HireBot.Organisations.OrgScope.Default, "test", "after-stop", "g", "p", default));
    }

    [Fact]
    public async Task The_worker_runs_a_group_in_order_waiting_for_a_retried_row_and_gives_up_once_after_the_last_attempt()
    {
        var cs = await TestDatabase.CreateAsync(nameof(The_worker_runs_a_group_in_order_waiting_for_a_retried_row_and_gives_up_once_after_the_last_attempt));
        await using var db = NpgsqlDataSource.Create(cs);
        var writer = new InboxWriter(db, new InboxSignal(), Options.Create(new InboxOptions()), NullLogger<InboxWriter>.Instance);
        await writer.StartAsync(default);
        foreach (var key in new[] { "alice|1", "bob|1", "alice|2", "alice|boom", "bob|2", "alice|3" })
            Assert.True(await writer.AcceptAsync(HireBot.Organisations.OrgScope.Default, "test", key, key.Split('|')[0], key, default));
        await writer.StopAsync(default);

        var handler = new RecordingHandler();
        var store = new InboxStore(db, TimeProvider.System);
        var options = Options.Create(new InboxOptions { MaxAttempts = 2 });
        var worker = new InboxWorker(store, [handler], new InboxSignal(), new OutboxSignal(), options, TimeProvider.System, NullLogger<InboxWorker>.Instance);
        var deadline = TestClock.UtcNow.AddSeconds(15);
        while ((handler.GaveUp.IsEmpty || handler.Done.Count < 5) && TestClock.UtcNow < deadline)
            if (await worker.ProcessOnceAsync(default) == 0) await Task.Delay(50);

        Assert.Equal(["alice|1", "alice|2", "alice|3"], handler.Done.Where(k => k.StartsWith("alice", StringComparison.Ordinal)));
        Assert.Equal(["bob|1", "bob|2"], handler.Done.Where(k => k.StartsWith("bob", StringComparison.Ordinal)));
        Assert.Equal(2, handler.Tries.Count(k => k == "alice|boom"));
        Assert.Equal(["alice|boom"], handler.GaveUp);
        var tries = handler.Tries.ToList();
        Assert.True(tries.IndexOf("alice|3") > tries.LastIndexOf("alice|boom"), "alice|3 waited for the row before it: " + string.Join(", ", tries));
        Assert.Equal(0, await worker.ProcessOnceAsync(default)); // nothing left to claim
        await using (var replies = db.CreateCommand("SELECT count(*) FILTER (WHERE payload->>'text' = 'done'), count(*) FILTER (WHERE payload->>'text' = 'sorry') FROM outbox"))
        await using (var counted = await replies.ExecuteReaderAsync())
        {
            await counted.ReadAsync();
            Assert.Equal((5L, 1L), (counted.GetInt64(0), counted.GetInt64(1))); // each reply written as its row finished
        }
        await using var cmd = db.CreateCommand("SELECT key, status, attempts FROM inbox WHERE source = 'test' ORDER BY id");
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = new List<(string, string, int)>();
        while (await reader.ReadAsync()) rows.Add((reader.GetString(0), reader.GetString(1), reader.GetInt32(2)));
        Assert.Equal([("alice|1", "done", 1), ("bob|1", "done", 1), ("alice|2", "done", 1), ("alice|boom", "failed", 2), ("bob|2", "done", 1), ("alice|3", "done", 1)], rows);
    }

    [Fact]
    public async Task Finishes_made_together_share_transactions_and_one_refused_reply_holds_back_no_other()
    {
        var cs = await TestDatabase.CreateAsync(nameof(Finishes_made_together_share_transactions_and_one_refused_reply_holds_back_no_other));
        await using var db = NpgsqlDataSource.Create(cs);
        await AcceptAllAsync(db, [.. Enumerable.Range(0, 40).Select(i => ($"r{i}", $"g{i}", "p"))]);
        var store = new InboxStore(db, TimeProvider.System);
        var rows = await store.ClaimAsync(40, TimeSpan.FromMinutes(1), default);
        Assert.Equal(40, rows.Count);
        var lost = rows[27] with { ClaimToken = Guid.NewGuid() }; // a claim another worker has since taken
        static OutboxMessage Reply(InboxItem row, string text) =>
            new($"reply:{row.Key}", "person:pat@example.com", "message", new System.Text.Json.Nodes.JsonObject { ["text"] = text });
        // Made one after another on this thread: the first write is on its way while the others are made.
        Task<string[]> FinishAllAsync(IEnumerable<int> which) => Task.WhenAll(which.Select(async i =>
        {
            // One reply carries a NUL, which PostgreSQL's jsonb refuses.
            try { return await store.FinishAsync(i == 27 ? lost : rows[i], [Reply(rows[i], i == 32 ? "bad\0reply" : $"answer {i}")], "done", null, default) ? "taken" : "lost"; }
            catch (PostgresException) { return "refused"; }
        }).ToList());

        // 20 runners finishing at once share transactions: the first goes alone, the rest join the writes after it.
        Assert.All(await FinishAllAsync(Enumerable.Range(0, 20)), r => Assert.Equal("taken", r));
        Assert.InRange(store.FinishWrites, 2, 10);
        // 20 more, with a lost claim and a refused reply among them.
        var results = await FinishAllAsync(Enumerable.Range(20, 20));
        Assert.Equal("lost", results[7]);
        Assert.Equal("refused", results[12]);
        Assert.Equal(18, results.Count(r => r == "taken"));
        await using var cmd = db.CreateCommand("SELECT i.key, i.status, count(o.id) FROM inbox i LEFT JOIN outbox o ON o.idempotency_key = 'reply:' || i.key GROUP BY 1, 2");
        await using var reader = await cmd.ExecuteReaderAsync();
        var state = new Dictionary<string, (string Status, long Replies)>();
        while (await reader.ReadAsync()) state[reader.GetString(0)] = (reader.GetString(1), reader.GetInt64(2));
        Assert.Equal(("working", 0L), state["r27"]); // the lost claim wrote neither its mark nor its reply
        Assert.Equal(("working", 0L), state["r32"]); // the refused one neither, and its runner saw why
        Assert.All(state.Where(kv => kv.Key is not ("r27" or "r32")), kv => Assert.Equal(("done", 1L), kv.Value));
    }

    [Fact]
    public async Task A_stale_claim_cannot_renew_or_finish_a_row_another_worker_took()
    {
        var cs = await TestDatabase.CreateAsync(nameof(A_stale_claim_cannot_renew_or_finish_a_row_another_worker_took));
        await using var db = NpgsqlDataSource.Create(cs);
        await AcceptAllAsync(db, [("fence", "fence", "p")]);
        var store = new InboxStore(db, TimeProvider.System);

        var stale = Assert.Single(await store.ClaimAsync(10, TimeSpan.Zero, default)); // its lease is over at once
        await Task.Delay(20);
        var current = Assert.Single(await store.ClaimAsync(10, TimeSpan.FromMinutes(1), default));
        Assert.False(await store.RenewAsync(stale, TimeSpan.FromMinutes(1), default));
        Assert.False(await store.FinishAsync(stale, [new OutboxMessage("fence-reply", "person:pat@example.com", "message", new System.Text.Json.Nodes.JsonObject())], "done", null, default));
        await store.MarkRetryAsync(stale, TimeSpan.Zero, "stale", default);
        await using (var replies = db.CreateCommand("SELECT count(*) FROM outbox WHERE idempotency_key = 'fence-reply'"))
            Assert.Equal(0L, await replies.ExecuteScalarAsync()); // a lost claim writes no reply either

        await using var cmd = db.CreateCommand("SELECT status, claim_token FROM inbox WHERE key = 'fence'");
        await using var reader = await cmd.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal("working", reader.GetString(0));
        Assert.Equal(current.ClaimToken, reader.GetGuid(1));
    }

    [Fact]
    public async Task A_row_that_cannot_be_read_even_to_apologise_is_marked_failed_and_the_worker_goes_on()
    {
        var cs = await TestDatabase.CreateAsync(nameof(A_row_that_cannot_be_read_even_to_apologise_is_marked_failed_and_the_worker_goes_on));
        await using var db = NpgsqlDataSource.Create(cs);
        await AcceptAllAsync(db, [("garbled|1", "garbled", "garbled"), ("garbled|2", "garbled", "fine")]);
        var handler = new DelegateHandler(
            item => item.Payload == "garbled" ? throw new System.Text.Json.JsonException("unreadable") : Task.FromResult<IReadOnlyList<OutboxMessage>>([]),
            item => item.Payload == "garbled" ? throw new System.Text.Json.JsonException("still unreadable") : []);
        var worker = new InboxWorker(new InboxStore(db, TimeProvider.System), [handler], new InboxSignal(), new OutboxSignal(),
            Options.Create(new InboxOptions { MaxAttempts = 1 }), TimeProvider.System, NullLogger<InboxWorker>.Instance);

        await worker.ProcessOnceAsync(default); // gives the garbled row up; no exception escapes
        await worker.ProcessOnceAsync(default); // and the conversation's next row runs

        Assert.Equal([("garbled|1", "failed"), ("garbled|2", "done")], await StatusesAsync(db));
    }

    [Fact]
    public async Task A_refusal_that_another_try_cannot_change_is_answered_at_once_instead_of_after_every_retry()
    {
        var cs = await TestDatabase.CreateAsync(nameof(A_refusal_that_another_try_cannot_change_is_answered_at_once_instead_of_after_every_retry));
        await using var db = NpgsqlDataSource.Create(cs);
        await AcceptAllAsync(db, [("refused|1", "refused", "refused"), ("flaky|1", "flaky", "flaky")]);
        var tries = new ConcurrentQueue<string>();
        var handler = new DelegateHandler(
            item =>
            {
                tries.Enqueue(item.Key);
                throw item.Payload == "refused"
                    ? new HireBot.Calendar.CalendarException(HireBot.Calendar.CalendarFailure.Rejected, "Graph getSchedule failed with HTTP 403.", 403)
                    : new HireBot.Calendar.CalendarException(HireBot.Calendar.CalendarFailure.Unavailable, "Graph getSchedule failed with HTTP 500.", 500);
            },
            item => [new OutboxMessage($"reply:{item.Key}", "person:pat@example.com", "message", new System.Text.Json.Nodes.JsonObject { ["text"] = "sorry" })]);
        var worker = new InboxWorker(new InboxStore(db, TimeProvider.System), [handler], new InboxSignal(), new OutboxSignal(),
            Options.Create(new InboxOptions { MaxAttempts = 5 }), TimeProvider.System, NullLogger<InboxWorker>.Instance);

        await worker.ProcessOnceAsync(default);

        Assert.Equal([("refused|1", "failed"), ("flaky|1", "pending")], await StatusesAsync(db)); // the calendar that did not answer is tried again
        Assert.Equal(1, tries.Count(k => k == "refused|1"));
        await using var cmd = db.CreateCommand("SELECT idempotency_key FROM outbox");
        Assert.Equal("reply:refused|1", await cmd.ExecuteScalarAsync()); // and the person is answered
    }

    [Fact]
    public async Task A_row_slower_than_its_lease_is_cut_off_and_retried_never_running_twice_at_once()
    {
        var cs = await TestDatabase.CreateAsync(nameof(A_row_slower_than_its_lease_is_cut_off_and_retried_never_running_twice_at_once));
        await using var db = NpgsqlDataSource.Create(cs);
        await AcceptAllAsync(db, [("slow|1", "slow", "p")]);
        int running = 0, mostAtOnce = 0, runs = 0;
        var handler = new DelegateHandler(async item =>
        {
            Interlocked.Increment(ref runs);
            var now = Interlocked.Increment(ref running);
            mostAtOnce = Math.Max(mostAtOnce, now);
            try { await Task.Delay(TimeSpan.FromSeconds(10), item.Token); }
            finally { Interlocked.Decrement(ref running); }
            return [];
        }, _ => []);
        var store = new InboxStore(db, TimeProvider.System);
        var worker = new InboxWorker(store, [handler], new InboxSignal(), new OutboxSignal(),
            Options.Create(new InboxOptions { MaxAttempts = 2, LeaseSeconds = 1 }), TimeProvider.System, NullLogger<InboxWorker>.Instance);

        var deadline = TestClock.UtcNow.AddSeconds(20);
        while ((await StatusesAsync(db)).Single().Item2 != "failed" && TestClock.UtcNow < deadline)
        {
            await Task.WhenAll(worker.ProcessOnceAsync(default), worker.ProcessOnceAsync(default)); // two workers at once
            await Task.Delay(100);
        }

        Assert.Equal(("slow|1", "failed"), (await StatusesAsync(db)).Single());
        Assert.Equal(2, runs); // cut off at two thirds of the lease each time, then given up at the cap
        Assert.Equal(1, mostAtOnce);
    }

    private static async Task<List<(string, string)>> StatusesAsync(NpgsqlDataSource db)
    {
        await using var cmd = db.CreateCommand("SELECT key, status FROM inbox ORDER BY id");
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = new List<(string, string)>();
        while (await reader.ReadAsync()) rows.Add((reader.GetString(0), reader.GetString(1)));
        return rows;
    }

    /// <summary>A handler made of two functions; the item passed to HandleAsync carries the handler's token.</summary>
    private sealed class DelegateHandler(Func<(InboxItem Item, CancellationToken Token), Task<IReadOnlyList<OutboxMessage>>> handle, Func<InboxItem, IReadOnlyList<OutboxMessage>> giveUp) : IInboxHandler
    {
        public DelegateHandler(Func<InboxItem, Task<IReadOnlyList<OutboxMessage>>> handle, Func<InboxItem, IReadOnlyList<OutboxMessage>> giveUp)
            : this(x => handle(x.Item), giveUp) { }

        public string Source => "test";
        public Task<IReadOnlyList<OutboxMessage>> HandleAsync(InboxItem item, CancellationToken ct) => handle((item, ct));
        public IReadOnlyList<OutboxMessage> GiveUp(InboxItem item) => giveUp(item);
    }

    [Fact]
    public async Task A_slow_row_holds_one_runner_and_rows_accepted_after_it_are_run_meanwhile()
    {
        var cs = await TestDatabase.CreateAsync(nameof(A_slow_row_holds_one_runner_and_rows_accepted_after_it_are_run_meanwhile));
        await using var db = NpgsqlDataSource.Create(cs);
        var signal = new InboxSignal();
        var writer = new InboxWriter(db, signal, Options.Create(new InboxOptions()), NullLogger<InboxWriter>.Instance);
        await writer.StartAsync(default);
        var handler = new HeldHandler();
        var worker = new InboxWorker(new InboxStore(db, TimeProvider.System), [handler], signal, new OutboxSignal(),
            Options.Create(new InboxOptions { Concurrency = 4 }), TimeProvider.System, NullLogger<InboxWorker>.Instance);
        await worker.StartAsync(default);
        try
        {
            // Rita's command waits on a platform that does not answer; Rob's and Sam's arrive after it was claimed.
            await writer.AcceptAsync(HireBot.Organisations.OrgScope.Default, "test", "rita|1", "rita", "hold", default);
            await handler.Started["rita|1"].Task.WaitAsync(TimeSpan.FromSeconds(10));
            await writer.AcceptAsync(HireBot.Organisations.OrgScope.Default, "test", "rob|1", "rob", "quick", default);
            await writer.AcceptAsync(HireBot.Organisations.OrgScope.Default, "test", "sam|1", "sam", "quick", default);
            await writer.AcceptAsync(HireBot.Organisations.OrgScope.Default, "test", "rita|2", "rita", "quick", default);

            await Task.WhenAll(handler.Finished["rob|1"].Task, handler.Finished["sam|1"].Task).WaitAsync(TimeSpan.FromSeconds(10));
            Assert.False(handler.Finished["rita|1"].Task.IsCompleted);
            Assert.False(handler.Started["rita|2"].Task.IsCompleted, "Rita's second command overtook her first");

            handler.Release.SetResult();
            await handler.Finished["rita|2"].Task.WaitAsync(TimeSpan.FromSeconds(10));
        }
        finally
        {
            handler.Release.TrySetResult();
            await worker.StopAsync(default);
            await writer.StopAsync(default);
        }
    }

    /// <summary>Holds rows whose payload is "hold" until released; records when each row starts and finishes.</summary>
    private sealed class HeldHandler : IInboxHandler
    {
        public ConcurrentDictionary<string, TaskCompletionSource> Started { get; } = new();
        public ConcurrentDictionary<string, TaskCompletionSource> Finished { get; } = new();
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public string Source => "test";

        public HeldHandler()
        {
            foreach (var key in new[] { "rita|1", "rita|2", "rob|1", "sam|1" })
                (Started[key], Finished[key]) = (new(TaskCreationOptions.RunContinuationsAsynchronously), new(TaskCreationOptions.RunContinuationsAsynchronously));
        }

        public async Task<IReadOnlyList<OutboxMessage>> HandleAsync(InboxItem item, CancellationToken ct)
        {
            Started[item.Key].TrySetResult();
            if (item.Payload == "hold") await Release.Task.WaitAsync(ct);
            Finished[item.Key].TrySetResult();
            return [];
        }

        public IReadOnlyList<OutboxMessage> GiveUp(InboxItem item) => [];
    }

    private sealed class RecordingHandler : IInboxHandler
    {
        public ConcurrentQueue<string> Tries { get; } = new();
        public ConcurrentQueue<string> Done { get; } = new();
        public ConcurrentQueue<string> GaveUp { get; } = new();
        public string Source => "test";

        public async Task<IReadOnlyList<OutboxMessage>> HandleAsync(InboxItem item, CancellationToken ct)
        {
            Tries.Enqueue(item.Key);
            await Task.Delay(item.Key == "alice|1" ? 30 : 1, ct); // a slow first row must not let the group's next one overtake it
            if (item.Key.EndsWith("boom", StringComparison.Ordinal)) throw new InvalidOperationException("this one always fails");
            Done.Enqueue(item.Key);
            return [Reply(item, "done")];
        }

        public IReadOnlyList<OutboxMessage> GiveUp(InboxItem item)
        {
            GaveUp.Enqueue(item.Key);
            return [Reply(item, "sorry")];
        }

        private static OutboxMessage Reply(InboxItem item, string text) =>
            new($"reply:{item.Key}", "person:pat@example.com", "message", new System.Text.Json.Nodes.JsonObject { ["text"] = text });
    }

    /// <summary>Accepts <paramref name="rows"/> (key, group, payload) through a writer of their own, one after another, in the default organisation.</summary>
    private static async Task AcceptAllAsync(NpgsqlDataSource db, (string Key, string Group, string Payload)[] rows)
    {
        var writer = new InboxWriter(db, new InboxSignal(), Options.Create(new InboxOptions()), NullLogger<InboxWriter>.Instance);
        await writer.StartAsync(default);
        foreach (var (key, group, payload) in rows)
            Assert.True(await writer.AcceptAsync(HireBot.Organisations.OrgScope.Default, "test", key, group, payload, default));
        await writer.StopAsync(default);
    }
}
