using System.Collections.Concurrent;
using HireBot.Tests.Fakes;

namespace HireBot.Bench.Load;

/// <summary>
/// Times each request from when it was due to when its reply reached the fake platform. A Slack
/// reply is a POST to the request's own response_url hook; a Teams message's reply is the next
/// POST to its conversation's activities (the bot answers a conversation's messages in order, and
/// each load conversation exists for one phase). When no such POST arrives but the acknowledgement
/// carried an answer (a Slack command answered inline, a Teams invoke's response), the reply was
/// delivered with the acknowledgement. Everything is on the tests' clock, which the fakes stamp.
/// </summary>
public sealed class Replies(FakeSlack slack, FakeBotConnector connector)
{
    private readonly ConcurrentDictionary<string, Pending> _byHook = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Pending>> _byConversation = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<Pending> _all = [];
    private readonly Lock _gate = new();

    private sealed class Pending(string kind, DateTimeOffset due)
    {
        public string Kind { get; } = kind;
        public DateTimeOffset Due { get; } = due;
        public DateTimeOffset? AnsweredInAck { get; set; }
        public DateTimeOffset? Delivered { get; set; }
        public bool Failed { get; set; }
    }

    /// <summary>Call before sending; returns a token for <see cref="Acknowledged"/>.</summary>
    public object Expect(LoadRequest request, DateTimeOffset due)
    {
        var pending = new Pending(request.Kind, due);
        _all.Add(pending);
        if (request.ReplyKey is { } key)
        {
            if (request.Kind == "message") _byConversation.GetOrAdd(key, _ => new()).Enqueue(pending);
            else _byHook[key] = pending;
        }
        return pending;
    }

    /// <summary>The acknowledgement arrived: with an answer in its body (shown to the user now) or without.</summary>
    public static void Acknowledged(object token, DateTimeOffset at, int status, bool carriesAnswer)
    {
        var pending = (Pending)token;
        if (status is < 200 or >= 300) pending.Failed = true;
        else if (carriesAnswer) pending.AnsweredInAck = at;
    }

    /// <summary>Takes what the fakes received since the last call (and so keeps their queues short).</summary>
    public void Collect()
    {
        lock (_gate)
        {
            while (slack.Calls.TryDequeue(out var call))
            {
                if (call.Method.StartsWith("hooks/", StringComparison.Ordinal) && _byHook.TryRemove(call.Method["hooks/".Length..], out var p))
                    p.Delivered ??= call.At;
            }
            while (connector.Requests.TryDequeue(out var r))
            {
                if (r.Method != "POST" || !r.RawTarget.EndsWith("/activities", StringComparison.Ordinal)) continue;
                var path = Uri.UnescapeDataString(r.RawTarget);
                var at = path.IndexOf("/v3/conversations/", StringComparison.Ordinal);
                if (at < 0) continue;
                var conversation = path[(at + "/v3/conversations/".Length)..^"/activities".Length];
                if (_byConversation.TryGetValue(conversation, out var queue) && queue.TryDequeue(out var p))
                    p.Delivered ??= r.At;
            }
        }
    }

    /// <summary>
    /// Waits (collecting) until every request of the phase was refused, delivered or answered in its
    /// acknowledgement, or <paramref name="patience"/> has passed; then 2 s more for replies that follow
    /// an acknowledgement which said something first ("working on it"). Hands back per-kind figures
    /// and forgets the phase.
    /// </summary>
    public async Task<Dictionary<string, DeliveryFigures>> SettleAsync(TimeSpan patience, CancellationToken ct)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (waited.Elapsed < patience && !_all.All(p => p.Failed || p.Delivered is not null || p.AnsweredInAck is not null))
        {
            Collect();
            await Task.Delay(100, ct);
        }
        for (var i = 0; i < 20; i++)
        {
            Collect();
            await Task.Delay(100, ct);
        }
        var figures = _all.GroupBy(p => p.Kind).ToDictionary(g => g.Key, g =>
        {
            List<double> latencies = [.. g.Where(p => !p.Failed && (p.Delivered ?? p.AnsweredInAck) is not null)
                .Select(p => ((p.Delivered ?? p.AnsweredInAck)!.Value - p.Due).TotalMilliseconds).Order()];
            return new DeliveryFigures(latencies, g.Count(p => !p.Failed) - latencies.Count);
        });
        _all.Clear();
        _byHook.Clear();
        _byConversation.Clear();
        return figures;
    }
}

/// <summary>Request-to-delivered-reply latencies of one kind in one phase (sorted), and how many got no reply.</summary>
public sealed record DeliveryFigures(List<double> Latencies, int Undelivered)
{
    public double Percentile(double q) =>
        Latencies.Count == 0 ? double.NaN : Latencies[Math.Clamp((int)Math.Ceiling(q * Latencies.Count) - 1, 0, Latencies.Count - 1)];
}
