using System.Diagnostics;

namespace HireBot.Bench.Load;

/// <summary>
/// Drives the bot with requests made by a factory, in two shapes. Open loop: request i is due at
/// start + i/rate whatever happened to earlier ones, and its latency counts from when it was due
/// (so a stalled server is not hidden by a generator that waited for it). Closed loop: N clients
/// each send the next request when the last one was answered, as fast as the bot allows. Both are
/// bounded by count and time; every request carries a timeout. With <paramref name="replies"/>,
/// each request's reply at the fake platforms is timed too.
/// </summary>
public sealed class LoadDriver(HttpClient http, Func<long, LoadRequest> next, Replies? replies = null)
{
    public async Task<LoadResult> OpenLoopAsync(int rate, TimeSpan duration, int maxInFlight, CancellationToken ct)
    {
        var result = new LoadResult();
        var total = (long)(rate * duration.TotalSeconds);
        var inFlight = new List<Task>();
        var clock = Stopwatch.StartNew();
        var start = HireBot.Tests.Support.TestClock.Now;
        long sent = 0;
        var pending = 0;
        while (sent < total && !ct.IsCancellationRequested)
        {
            var due = Math.Min(total, (long)(clock.Elapsed.TotalSeconds * rate) + 1);
            for (; sent < due; sent++)
            {
                if (Volatile.Read(ref pending) >= maxInFlight)
                {
                    result.Dropped();
                    continue;
                }
                var dueAt = TimeSpan.FromSeconds((double)sent / rate);
                Interlocked.Increment(ref pending);
                var request = next(sent);
                inFlight.Add(Task.Run(async () =>
                {
                    try { await SendAsync(request, clock, start, dueAt, result, ct); }
                    finally { Interlocked.Decrement(ref pending); }
                }, CancellationToken.None));
            }
            if (inFlight.Count > 4096) inFlight.RemoveAll(t => t.IsCompleted);
            await Task.Delay(1, CancellationToken.None);
        }
        await Task.WhenAll(inFlight);
        result.Elapsed = clock.Elapsed;
        return result;
    }

    public async Task<LoadResult> ClosedLoopAsync(int clients, TimeSpan duration, CancellationToken ct)
    {
        var result = new LoadResult();
        var clock = Stopwatch.StartNew();
        var start = HireBot.Tests.Support.TestClock.Now;
        long counter = 0;
        var workers = Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            while (clock.Elapsed < duration && !ct.IsCancellationRequested)
                await SendAsync(next(Interlocked.Increment(ref counter)), clock, start, clock.Elapsed, result, ct);
        }, CancellationToken.None));
        await Task.WhenAll(workers);
        result.Elapsed = clock.Elapsed;
        return result;
    }

    private async Task SendAsync(LoadRequest request, Stopwatch clock, DateTimeOffset start, TimeSpan dueAt, LoadResult result, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        var expected = replies?.Expect(request, start + dueAt);
        int status;
        var answered = false;
        try
        {
            using var response = await http.SendAsync(request.Message, timeout.Token);
            var body = await response.Content.ReadAsByteArrayAsync(timeout.Token);
            status = (int)response.StatusCode;
            answered = body.Length > 2; // "{}" or nothing is a bare acknowledgement
        }
        catch (OperationCanceledException)
        {
            status = -1; // timed out
        }
        catch (HttpRequestException)
        {
            status = -2; // connection failed
        }
        finally
        {
            request.Message.Dispose();
        }
        var latency = clock.Elapsed - dueAt;
        if (expected is not null) Replies.Acknowledged(expected, start + dueAt + latency, status, answered);
        result.Record(request.Kind, status, latency.TotalMilliseconds);
    }
}
